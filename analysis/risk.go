package analysis

import "github.com/tm-ls/tm-ls/analysis/model"

// RiskLevel maps a risk score (likelihood × impact, 1..25, possibly reduced by
// controls) to a level: ≥ 20 critical, ≥ 12 high, ≥ 6 medium, else low. The same
// thresholds rank inherent and residual risk everywhere (CLI, hover, reports).
func RiskLevel(score float64) model.Severity {
	switch {
	case score >= 20:
		return model.SeverityCritical
	case score >= 12:
		return model.SeverityHigh
	case score >= 6:
		return model.SeverityMedium
	default:
		return model.SeverityLow
	}
}

// InherentRisk is likelihood × impact with both clamped to 1..5.
func InherentRisk(likelihood, impact int) int {
	return clamp(likelihood) * clamp(impact)
}

// ResidualRisk applies the effectiveness (0..1) of each implemented control
// multiplicatively: inherent × Π(1 − e). Effectiveness outside 0..1 is clamped.
func ResidualRisk(inherent int, effectiveness ...float64) float64 {
	r := float64(inherent)
	for _, e := range effectiveness {
		if e < 0 {
			e = 0
		}
		if e > 1 {
			e = 1
		}
		r *= 1 - e
	}
	return r
}

func clamp(v int) int {
	if v < 1 {
		return 1
	}
	if v > 5 {
		return 5
	}
	return v
}
