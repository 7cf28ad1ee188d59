package epub

import (
	"os"
	"testing"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// TestMain stops the EPUBCheck and Ace servers after the tests and lists
// any checker that was missing.
func TestMain(m *testing.M) { os.Exit(validate.Run(m)) }
