package analysis

import (
	"math"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/model"
)

func TestRiskFormula(t *testing.T) {
	levels := []struct {
		score float64
		want  model.Severity
	}{{25, model.SeverityCritical}, {20, model.SeverityCritical}, {19.9, model.SeverityHigh}, {12, model.SeverityHigh},
		{11, model.SeverityMedium}, {6, model.SeverityMedium}, {5.99, model.SeverityLow}, {1, model.SeverityLow}, {0, model.SeverityLow}}
	for _, l := range levels {
		if got := RiskLevel(l.score); got != l.want {
			t.Errorf("RiskLevel(%v) = %v, want %v", l.score, got, l.want)
		}
	}
	if got := InherentRisk(4, 5); got != 20 {
		t.Errorf("InherentRisk(4,5) = %d", got)
	}
	if got := InherentRisk(0, 9); got != 5 {
		t.Errorf("InherentRisk clamps: got %d, want 5", got)
	}
	if got := ResidualRisk(20, 0.5, 0.5); math.Abs(got-5) > 1e-9 {
		t.Errorf("ResidualRisk(20, .5, .5) = %v, want 5", got)
	}
	if got := ResidualRisk(20); got != 20 {
		t.Errorf("ResidualRisk without controls = %v", got)
	}
	if got := ResidualRisk(20, 1.5); got != 0 {
		t.Errorf("ResidualRisk clamps effectiveness: %v", got)
	}
}
