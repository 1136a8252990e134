package classify

import "fmt"

// automaton is an Aho-Corasick automaton compiled to a DFA: one table
// lookup per byte of text, whatever the number of patterns.
//
// Its table is a few megabytes, so a scan is bound by the latency of
// each lookup (the next state depends on the last), not by the work per
// byte. Two things make it faster than a textbook DFA:
//   - states are numbered breadth first, so that the shallow states,
//     where a scan of ordinary text spends most of its time, share
//     cache lines;
//   - a long text is scanned as two halves at once, the second starting
//     a pattern's length before the middle, so that the lookups of the
//     two halves overlap in the memory system.
type automaton struct {
	trans   []uint32 // [state*stride + class]: the next state, premultiplied, matchBit when it has matches
	classes [256]uint8
	stride  uint32
	start   uint32 // premultiplied start state: 0
	// out[outIdx[s]:outIdx[s+1]] are the patterns that end at state s.
	outIdx []uint32
	out    []int32
	plen   []int32 // each pattern's length
	// wordStart[i]: pattern i starts with an ASCII letter or digit, so an
	// occurrence right after another is inside a word and not reported.
	wordStart []bool
	maxLen    int
}

const matchBit = 1 << 31

// acMatch is one occurrence of a pattern: text[start:end].
type acMatch struct {
	pattern    int32
	start, end int32
}

// newAutomaton compiles the patterns; pattern i is reported as i.
func newAutomaton(patterns []string) (*automaton, error) {
	a := &automaton{plen: make([]int32, len(patterns)), wordStart: make([]bool, len(patterns))}
	// Byte classes: each byte that occurs in a pattern is its own class;
	// every other byte is class 0, which leads back to the start.
	var used [256]bool
	for i, p := range patterns {
		if p == "" {
			return nil, fmt.Errorf("classify: empty pattern %d", i)
		}
		a.plen[i] = int32(len(p))
		a.wordStart[i] = asciiWord(p[0])
		a.maxLen = max(a.maxLen, len(p))
		for j := 0; j < len(p); j++ {
			used[p[j]] = true
		}
	}
	n := uint32(1)
	for b := range used {
		if used[b] {
			a.classes[b] = uint8(n)
			n++
			if n > 255 {
				return nil, fmt.Errorf("classify: too many byte classes")
			}
		}
	}
	a.stride = n

	// The trie, in insertion order.
	type node struct {
		next map[uint8]int32
		pats []int32
	}
	nodes := []node{{next: map[uint8]int32{}}}
	for i, p := range patterns {
		s := int32(0)
		for j := 0; j < len(p); j++ {
			c := a.classes[p[j]]
			nx, ok := nodes[s].next[c]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{next: map[uint8]int32{}})
				nodes[s].next[c] = nx
			}
			s = nx
		}
		nodes[s].pats = append(nodes[s].pats, int32(i))
	}
	// Breadth-first numbering, children in class order.
	order := make([]int32, 0, len(nodes)) // new ID → trie node
	id := make([]int32, len(nodes))       // trie node → new ID
	order = append(order, 0)
	for q := 0; q < len(order); q++ {
		nd := &nodes[order[q]]
		for c := uint8(0); c < uint8(n); c++ {
			if child, ok := nd.next[c]; ok {
				id[child] = int32(len(order))
				order = append(order, child)
			}
		}
	}
	// Failure links and the full transition table, in the same order.
	ns := len(order)
	if uint64(ns)*uint64(n) >= matchBit {
		return nil, fmt.Errorf("classify: automaton too large (%d states)", ns)
	}
	trans := make([]uint32, ns*int(n)) // state IDs, not yet premultiplied
	fail := make([]int32, ns)
	outs := make([][]int32, ns)
	for q, t := range order {
		outs[q] = append(outs[q], nodes[t].pats...)
	}
	for q, t := range order {
		nd := &nodes[t]
		if q > 0 {
			outs[q] = append(outs[q], outs[fail[q]]...)
		}
		for c := uint32(0); c < n; c++ {
			if child, ok := nd.next[uint8(c)]; ok {
				cid := id[child]
				trans[uint32(q)*n+c] = uint32(cid)
				if q > 0 {
					fail[cid] = int32(trans[uint32(fail[q])*n+c])
				}
				continue
			}
			if q > 0 {
				trans[uint32(q)*n+c] = trans[uint32(fail[q])*n+c]
			}
		}
	}
	// Premultiply, and mark the states with matches.
	a.trans = make([]uint32, len(trans))
	for i, s := range trans {
		v := s * n
		if len(outs[s]) > 0 {
			v |= matchBit
		}
		a.trans[i] = v
	}
	a.outIdx = make([]uint32, ns+1)
	for s := range ns {
		a.outIdx[s] = uint32(len(a.out))
		a.out = append(a.out, outs[s]...)
	}
	a.outIdx[ns] = uint32(len(a.out))
	return a, nil
}

// splitMin is the length from which a text is scanned in parts at once.
var splitMin = 512

// scan appends every occurrence of every pattern in text to out, but
// those that start inside an ASCII word (see emit). A short text's come
// in order of where they end; a long text's parts interleave.
func (a *automaton) scan(text []byte, out []acMatch) []acMatch {
	switch {
	case len(text) < splitMin:
		return a.scanRange(text, 0, len(text), a.start, out)
	case len(text) < 4*splitMin:
		return a.scanParts(text, 2, out)
	}
	return a.scanParts(text, 4, out)
}

// scanParts scans text as k parts (2 or 4) side by side. Each part but
// the first starts maxLen bytes before its own stretch, so that its state
// is right from there on; what it finds ending earlier the part before
// finds.
func (a *automaton) scanParts(text []byte, k int, out []acMatch) []acMatch {
	var bound, pos, end [4]int
	var st [4]uint32
	step := len(text) / k
	for p := 0; p < k; p++ {
		bound[p] = p * step // where part p's own stretch starts
		pos[p] = max(0, bound[p]-a.maxLen)
		end[p] = (p + 1) * step
		st[p] = a.start
	}
	end[k-1] = len(text)
	// Every part runs the same number of steps; the last runs the rest.
	steps := step
	for p := 1; p < k; p++ {
		steps = min(steps, end[p]-pos[p])
	}
	trans, classes := a.trans, &a.classes
	if k == 2 {
		s0, s1 := st[0], st[1]
		i0, i1 := pos[0], pos[1]
		for n := 0; n < steps; n++ {
			r0 := trans[s0+uint32(classes[text[i0]])]
			r1 := trans[s1+uint32(classes[text[i1]])]
			s0, s1 = r0&^matchBit, r1&^matchBit
			i0++
			i1++
			if (r0|r1)&matchBit != 0 {
				if r0&matchBit != 0 {
					out = a.emit(text, s0, i0, out)
				}
				if r1&matchBit != 0 && i1 > bound[1] {
					out = a.emit(text, s1, i1, out)
				}
			}
		}
		st[0], st[1], pos[0], pos[1] = s0, s1, i0, i1
	} else {
		s0, s1, s2, s3 := st[0], st[1], st[2], st[3]
		i0, i1, i2, i3 := pos[0], pos[1], pos[2], pos[3]
		for n := 0; n < steps; n++ {
			r0 := trans[s0+uint32(classes[text[i0]])]
			r1 := trans[s1+uint32(classes[text[i1]])]
			r2 := trans[s2+uint32(classes[text[i2]])]
			r3 := trans[s3+uint32(classes[text[i3]])]
			s0, s1, s2, s3 = r0&^matchBit, r1&^matchBit, r2&^matchBit, r3&^matchBit
			i0++
			i1++
			i2++
			i3++
			if (r0|r1|r2|r3)&matchBit != 0 {
				if r0&matchBit != 0 {
					out = a.emit(text, s0, i0, out)
				}
				if r1&matchBit != 0 && i1 > bound[1] {
					out = a.emit(text, s1, i1, out)
				}
				if r2&matchBit != 0 && i2 > bound[2] {
					out = a.emit(text, s2, i2, out)
				}
				if r3&matchBit != 0 && i3 > bound[3] {
					out = a.emit(text, s3, i3, out)
				}
			}
		}
		st, pos = [4]uint32{s0, s1, s2, s3}, [4]int{i0, i1, i2, i3}
	}
	// Each part finishes its stretch on its own, in order.
	for p := 0; p < k; p++ {
		from := max(pos[p], bound[p])
		s := st[p]
		// A part still before its own stretch runs up to it silently.
		for ; pos[p] < from; pos[p]++ {
			s = trans[s+uint32(classes[text[pos[p]]])] &^ matchBit
		}
		out = a.scanRange(text, pos[p], end[p], s, out)
	}
	return out
}

// scanRange scans text[from:to] starting in state s.
func (a *automaton) scanRange(text []byte, from, to int, s uint32, out []acMatch) []acMatch {
	trans, classes := a.trans, &a.classes
	for i := from; i < to; i++ {
		r := trans[s+uint32(classes[text[i]])]
		s = r &^ matchBit
		if r&matchBit != 0 {
			out = a.emit(text, s, i+1, out)
		}
	}
	return out
}

// emit appends the patterns that end at state s (premultiplied), at end,
// but those that start inside a word of ASCII letters and digits: most
// short patterns' occurrences ("ey" in "they"), which no caller keeps.
func (a *automaton) emit(text []byte, s uint32, end int, out []acMatch) []acMatch {
	st := s / a.stride
	for _, p := range a.out[a.outIdx[st]:a.outIdx[st+1]] {
		start := int32(end) - a.plen[p]
		if a.wordStart[p] && start > 0 && asciiWord(text[start-1]) {
			continue
		}
		out = append(out, acMatch{pattern: p, start: start, end: int32(end)})
	}
	return out
}

// asciiWord reports whether b is an ASCII letter, digit or underscore:
// a byte of a word for boundaryOK.
func asciiWord(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}
