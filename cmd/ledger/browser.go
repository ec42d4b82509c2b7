package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
)

// openBrowser opens url in the person's browser: $BROWSER if set (as many
// Unix tools honour it), else the desktop's opener. A machine with no
// browser (a server) gets a line saying where to go instead of an error:
// the ledger runs either way.
func openBrowser(out io.Writer, url string) {
	name, args := browserCommand(url)
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(out, "ledger: could not open a browser (%v); open %s yourself\n", err, url)
		return
	}
	go func() { _ = cmd.Wait() }() // reap it; the browser outlives nothing of ours
}

func browserCommand(url string) (string, []string) {
	if b := os.Getenv("BROWSER"); b != "" {
		return b, []string{url}
	}
	switch runtime.GOOS {
	case "darwin":
		return "open", []string{url}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	return "xdg-open", []string{url}
}
