package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/polypress/polypress/pipeline/internal/confine"
)

// OutDirError reports an output folder that a build, a release or a merge
// refuses to write into: it is, contains or lies inside one of the inputs,
// or (for a release) it holds files a release did not write. Nothing has
// been touched when it is returned; the command line has to change, so
// the CLI exits with status 2.
type OutDirError struct {
	Dir    string // the output folder as given
	Reason string
}

func (e *OutDirError) Error() string {
	return fmt.Sprintf("output folder %s: %s", e.Dir, e.Reason)
}

// realish returns path made absolute with every symbolic link resolved,
// for a path that may not exist yet: the longest part of it that exists is
// resolved and the rest joined on.
func realish(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || p == filepath.Dir(p) {
			return "", err
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// CheckOutDir refuses an output folder out that is one of inputs, contains
// one, or lies inside one, comparing real paths (absolute, symbolic links
// resolved), so that "--out ." in a project folder, "--out samples
// samples" or "--out samples/x samples" are caught however they are
// spelt. Inputs that do not exist are left to the stages that read them.
func CheckOutDir(out string, inputs []string) error {
	realOut, err := realish(out)
	if err != nil {
		return &OutDirError{Dir: out, Reason: err.Error()}
	}
	for _, in := range inputs {
		if in == "" {
			continue
		}
		realIn, err := confine.Real(in)
		if err != nil {
			continue
		}
		var reason string
		switch {
		case realIn == realOut:
			reason = fmt.Sprintf("it is the input %s", in)
		case confine.Inside(realOut, realIn):
			reason = fmt.Sprintf("it contains the input %s", in)
		case confine.Inside(realIn, realOut):
			reason = fmt.Sprintf("it lies inside the input %s", in)
		default:
			continue
		}
		return &OutDirError{Dir: out, Reason: reason + "; choose an output folder outside every input (polypress would write over, or for a release replace, what is there)"}
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return &OutDirError{Dir: out, Reason: "it exists and is not a folder"}
	}
	return nil
}

// inputs lists what a build reads from disk, for CheckOutDir.
func (cfg Config) inputs() []string {
	in := append([]string(nil), cfg.Paths...)
	in = append(in, cfg.FontDirs...)
	in = append(in, cfg.LocaleDir)
	if cfg.Layout != "" && (filepath.Ext(cfg.Layout) == ".toml" || filepath.Base(cfg.Layout) != cfg.Layout) {
		in = append(in, cfg.Layout)
	}
	return in
}

// checkDestination makes sure that path can take a new file: it does not
// exist, or it is a regular file, which is replaced. A folder, a symbolic
// link or a special file in its place is an error, found before anything
// is written.
func checkDestination(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.Mode().IsRegular():
		return nil
	}
	return fmt.Errorf("%s: %s; polypress replaces only regular files: move it away or choose another --out", path, confine.Cause(&confine.NotRegularError{Path: path, Mode: fi.Mode()}))
}
