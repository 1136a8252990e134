// Package eval scores the classifier on labelled items: precision, recall
// and F1 per label and per field, the accuracy of the primary company,
// the same scores per language, every miss with the classifier's decision
// trail, and the two fixed halves of a development set side by side
// (Half, SplitHalves, WriteSplit). It reads the sets (JSON Lines, from
// readers it is given) and writes its reports as text.
//
// It measures and changes nothing: the rules it scores are data that
// config loads and classify compiles, and nothing here tunes them. The
// classify package's code does not import it (only its tests do), so that
// classify stays pure and the scoring stays apart from what it scores. It
// opens no file (the command's "eval" opens the sets and hands it
// readers), touches no store, index or network, and does not log.
package eval
