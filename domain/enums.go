package domain

import (
	"fmt"
	"reflect"
	"slices"
)

// enums lists, once, every value each enum type may take. Validation, the
// API's query parameters and the OpenAPI document all read it, so a new
// value is added here and nowhere else.
var enums = map[reflect.Type]any{
	typeOf[Phase]():         []Phase{PhaseEmergency, PhaseRecovery, PhaseClosed},
	typeOf[ComponentKind](): []ComponentKind{ComponentHNS, ComponentICRC, ComponentIFRC, ComponentPNS, ComponentExternal},
	typeOf[ProjectStatus](): []ProjectStatus{ProjectPlanned, ProjectOngoing, ProjectCompleted},
	typeOf[Level]():         []Level{LevelTechnical, LevelOperational, LevelStrategic},
	typeOf[DecisionRule]():  []DecisionRule{RuleConsensus, RuleMajority},
	typeOf[MeetingState]():  []MeetingState{MtgScheduled, MtgHeld, MtgMinutesCirculated, MtgMinutesApproved, MtgCancelled},
	typeOf[DecisionState](): []DecisionState{DecProposed, DecAdopted, DecEndorsed, DecSuperseded, DecRescinded},
	typeOf[Procedure]():     []Procedure{ProcedureMeeting, ProcedureWritten},
	typeOf[APState]():       []APState{APOpen, APInProgress, APBlocked, APCompleted, APVerified, APCancelled},
	typeOf[Category](): []Category{CatFundamentalPrinciples, CatRolesAgreements, CatEmblem, CatResourceMobilisation,
		CatCommunicationVisibility, CatCodeOfConduct, CatSEA, CatFraud, CatHarassment},
	typeOf[Severity]():        []Severity{SevLow, SevMedium, SevHigh, SevCritical},
	typeOf[IssueState]():      []IssueState{IssueReported, IssueTriaged, IssueResolved, IssueDismissed},
	typeOf[EscalationState](): []EscalationState{EscRaised, EscAcknowledged, EscAnswered, EscResolved},
	typeOf[LessonSource]():    []LessonSource{SourceJointReview, SourceRTE, SourceQuestionnaire, SourceOther},
	typeOf[Response]():        []Response{ResponseAccepted, ResponsePartly, ResponseRejected},
	typeOf[Classification]():  []Classification{ClassPublic, ClassMovement, ClassRestricted, ClassConfidential},
	typeOf[ErasureReason](): []ErasureReason{ErasureDataSubjectRequest, ErasureConsentWithdrawn, ErasureNoLongerNeeded,
		ErasureObjection, ErasureUnlawful, ErasureLegalObligation},
	typeOf[Kind](): []Kind{KindOperation, KindComponent, KindProject, KindContact, KindMechanism,
		KindMeeting, KindDecision, KindActionPoint, KindCompliance, KindEscalation, KindLesson, KindPerson},
	typeOf[ReminderRule](): []ReminderRule{RuleDueSoon, RuleOverdue, RuleEscalationUnacknowledged,
		RuleEscalationUnanswered, RuleMinutesNotCirculated, RuleDecisionIdle},
	typeOf[Channel]():      []Channel{ChannelEmail, ChannelWebhook},
	typeOf[Language]():     []Language{LangEnglish, LangFrench, LangSpanish, LangArabic},
	typeOf[Keep]():         []Keep{KeepTheirs, KeepProposed},
	typeOf[ChangedField](): []ChangedField{FieldDueDate, FieldStatus, FieldMinutes},
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// Values lists every value of an enum type, in the order officers read them
// (lifecycles in order, severities from low to critical).
func Values[T ~string]() []T {
	list, ok := enums[reflect.TypeFor[T]()].([]T)
	if !ok {
		panic(fmt.Sprintf("domain: %s is not an enum type", reflect.TypeFor[T]()))
	}
	return slices.Clone(list)
}

// EnumValues lists the values of an enum type as strings, or nil when t is
// not one: for documents derived from the Go types (OpenAPI).
func EnumValues(t reflect.Type) []string {
	list, ok := enums[t]
	if !ok {
		return nil
	}
	v := reflect.ValueOf(list)
	out := make([]string, v.Len())
	for i := range out {
		out[i] = v.Index(i).String()
	}
	return out
}

// checkEnum refuses a value its type does not list.
func checkEnum[T ~string](field string, v T) error {
	return oneOf(field, v, Values[T]()...)
}
