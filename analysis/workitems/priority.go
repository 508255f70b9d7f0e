package workitems

import "github.com/tm-ls/tm-ls/analysis/model"

// Severity → tracker priority, one table per tracker.
//
//	severity  | Jira priority | ADO Priority | ADO Severity  | ServiceNow impact/urgency → priority
//	critical  | Highest       | 1            | 1 - Critical  | 1 / 1 → 1 (Critical)
//	high      | High          | 2            | 2 - High      | 1 / 2 → 2 (High)
//	medium    | Medium        | 3            | 3 - Medium    | 2 / 2 → 3 (Moderate)
//	low       | Low           | 4            | 4 - Low       | 2 / 3 → 4 (Low)
//	info      | Lowest        | 4            | 4 - Low       | 3 / 3 → 5 (Planning)
//
// ServiceNow computes priority from impact and urgency with its default priority
// lookup matrix; tm-ls sets impact and urgency and lets the instance derive it.

// JiraPriority is the name of the Jira priority for a severity (Jira's default
// priority scheme).
func JiraPriority(s model.Severity) string {
	return pick(s, "Lowest", "Low", "Medium", "High", "Highest")
}

// ADOPriority is Microsoft.VSTS.Common.Priority (1 highest .. 4 lowest).
func ADOPriority(s model.Severity) int {
	return [...]int{4, 4, 3, 2, 1}[clamp(s)]
}

// ADOSeverity is Microsoft.VSTS.Common.Severity, as the allowed values are spelled.
func ADOSeverity(s model.Severity) string {
	return pick(s, "4 - Low", "4 - Low", "3 - Medium", "2 - High", "1 - Critical")
}

// SNOWImpactUrgency are ServiceNow's impact and urgency (1 high .. 3 low).
func SNOWImpactUrgency(s model.Severity) (impact, urgency int) {
	t := [...][2]int{{3, 3}, {2, 3}, {2, 2}, {1, 2}, {1, 1}}[clamp(s)]
	return t[0], t[1]
}

// SNOWPriority is the priority ServiceNow's default matrix derives from impact and
// urgency (1 Critical .. 5 Planning).
func SNOWPriority(s model.Severity) int {
	return [...]int{5, 4, 3, 2, 1}[clamp(s)]
}

func pick(s model.Severity, names ...string) string { return names[clamp(s)] }

func clamp(s model.Severity) int {
	if s < model.SeverityInfo {
		return 0
	}
	if s > model.SeverityCritical {
		return int(model.SeverityCritical)
	}
	return int(s)
}
