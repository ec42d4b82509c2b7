package views

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

// Every column a correction feeds names a field the domain lets a correction
// of that event change: views and commands agree on what a correction is.
func TestFeedsNameCorrectableFields(t *testing.T) {
	t.Parallel()
	var all [][2]string
	all = append(all, keysOf(actionFeeds)...)
	all = append(all, keysOf(decisionFeeds)...)
	all = append(all, keysOf(issueFeeds)...)
	all = append(all, keysOf(componentFeeds)...)
	all = append(all, keysOf(projectFeeds)...)
	all = append(all, keysOf(operationFeeds)...)
	all = append(all, keysOf(lessonFeeds)...)
	all = append(all, keysOf(meetingFeeds)...)
	all = append(all, keysOf(subjectFeeds)...)
	all = append(all, keysOf(escalationFeeds)...)
	require.NotEmpty(t, all)
	for _, k := range all {
		require.True(t, slices.Contains(domain.CorrectableFields(k[0]), k[1]), "%s does not let a correction change %s", k[0], k[1])
	}
}

func keysOf[R any](feeds []feed[R]) [][2]string {
	out := make([][2]string, len(feeds))
	for i, f := range feeds {
		out[i] = [2]string{f.event, f.key}
	}
	return out
}
