package pgtest

import (
	"os/exec"
	"syscall"
)

// setCredential runs cmd as c, and has the kernel stop the server if
// the test binary dies without stopping it: no stray postgres outlives
// a killed test run.
func setCredential(cmd *exec.Cmd, c *cred) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGQUIT}
	if c != nil {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: c.uid, Gid: c.gid}
	}
}
