package export

import "strconv"

func actionPoints(b *builder) {
	b.columns(Column{"id", "#meta+id", false}, Column{"title", "#activity+name", false},
		Column{"owner", "#org+impl", false}, Column{"owner_name", "#contact+name", true},
		Column{"state", "#status", false}, Column{"percent", "#indicator+progress", false},
		Column{"due", "#date+end", false}, Column{"original_due", "#date+end+original", false},
		Column{"overdue", "#status+overdue", false}, Column{"decision_id", "#meta+decision", false})
	for _, a := range b.src.ActionPoints() {
		b.row(a.Classification, a.ID.String(), a.Title, b.org(a.Owner.ComponentID), a.Owner.Name, string(a.State),
			strconv.Itoa(a.Percent), date(a.DueAt), date(a.OriginalDueAt), yes(a.OverdueAt(b.at)), uuidOrEmpty(a.DecisionID))
	}
}

func decisions(b *builder) {
	b.columns(Column{"id", "#meta+id", false}, Column{"title", "#description+title", false},
		Column{"text", "#description", false}, Column{"state", "#status", false},
		Column{"adopted", "#date+adopted", false}, Column{"action_points", "#indicator+actions", false})
	for _, d := range b.src.Decisions() {
		b.row(d.Classification, d.ID.String(), d.Title, d.Text, string(d.State), date(d.AdoptedAt), strconv.Itoa(len(d.ActionPoints)))
	}
}

func complianceIssues(b *builder) {
	b.columns(Column{"id", "#meta+id", false}, Column{"category", "#meta+category", false},
		Column{"rule", "#meta+rule", false}, Column{"subject", "#org+subject", false},
		Column{"severity", "#severity", false}, Column{"state", "#status", false},
		Column{"reported", "#date+reported", false}, Column{"closed", "#date+end", false},
		Column{"reporter_name", "#contact+name+reporter", true}, Column{"external_case", "#meta+case", false})
	for _, i := range b.src.Issues() {
		b.row(i.Classification, i.ID.String(), string(i.Category), i.RuleReference, b.org(i.SubjectComponentID),
			string(i.Severity), string(i.State), date(i.CreatedAt), date(i.ClosedAt), i.ReporterName, i.ExternalCaseRef)
	}
}

func escalations(b *builder) {
	b.columns(Column{"id", "#meta+id", false}, Column{"subject", "#meta+subject", false},
		Column{"body", "#org+body", false}, Column{"state", "#status", false},
		Column{"raised", "#date+start", false}, Column{"resolved", "#date+end", false},
		Column{"hops", "#indicator+hops", false})
	for _, e := range b.src.Escalations() {
		b.row(e.Classification, e.ID.String(), string(e.SubjectKind), e.BodyName, string(e.State),
			date(e.CreatedAt), date(e.ResolvedAt), strconv.Itoa(e.Hops))
	}
}

func contacts(b *builder) {
	b.columns(Column{"given_name", "#contact+name+given", true}, Column{"family_name", "#contact+name+family", true},
		Column{"email", "#contact+email", true}, Column{"phone", "#contact+phone", true},
		Column{"function", "#contact+function", false}, Column{"organisation", "#org+name", false})
	for _, c := range b.src.Contacts() {
		b.row(c.Classification, c.GivenName, c.FamilyName, c.Email, c.Phone, c.Function, b.org(c.ComponentID))
	}
}

func projects(b *builder) {
	b.columns(Column{"organisation", "#org+impl", false}, Column{"project", "#activity+name", false},
		Column{"sector", "#sector", false}, Column{"admin1_code", "#adm1+code", false},
		Column{"admin1_name", "#adm1+name", false}, Column{"status", "#status", false},
		Column{"start", "#date+start", false}, Column{"end", "#date+end", false})
	for _, c := range b.src.Components() {
		for _, p := range c.Projects {
			b.row(p.Classification, c.Name, p.Name, p.Sector, p.AdminAreaCode, p.AdminAreaName, string(p.Status), date(p.StartsAt), date(p.EndsAt))
		}
	}
}

func timeline(b *builder) {
	b.columns(Column{"occurred", "#date+occurred", false}, Column{"recorded", "#date+reported", false},
		Column{"record", "#meta+kind", false}, Column{"record_id", "#meta+id", false},
		Column{"event", "#meta+type", false}, Column{"organisation", "#org+name", false})
	for _, r := range b.src.Timeline() {
		b.row(r.Classification, date(r.OccurredAt), date(r.RecordedAt), string(r.Record.Kind), r.Record.ID.String(), r.Type, b.org(r.Component))
	}
}
