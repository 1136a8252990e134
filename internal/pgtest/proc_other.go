//go:build !linux

package pgtest

import "os/exec"

// setCredential leaves cmd as it is: switching users is done on Linux
// only (elsewhere, run the tests as a user other than root).
func setCredential(cmd *exec.Cmd, c *cred) {}
