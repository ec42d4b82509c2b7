package domain

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The domain stays pure: standard library and uuid only, and none of the
// standard packages that do I/O.
func TestDomainImportsNothingImpure(t *testing.T) {
	t.Parallel()
	forbidden := []string{"os", "net", "net/http", "database/sql", "io/fs", "syscall", "os/exec"}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			first := strings.Split(path, "/")[0]
			require.Falsef(t, strings.Contains(first, ".") && path != "github.com/google/uuid", "%s imports %s", name, path)
			require.NotContainsf(t, forbidden, path, "%s imports %s", name, path)
		}
	}
}
