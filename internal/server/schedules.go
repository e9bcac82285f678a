package server

import "time"

// ScheduleInfo is one activated schedule trigger (Schedule Trigger or
// Cron node), for start-up logs.
type ScheduleInfo struct {
	WorkflowID   string
	WorkflowName string
	Node         string
	// Next is the first firing after the time given to Schedules, in the
	// workflow's time zone.
	Next time.Time
}

// Schedules lists the activated schedule triggers with their next firing
// after now.
func (s *Server) Schedules(now time.Time) []ScheduleInfo {
	var out []ScheduleInfo
	for _, id := range s.order {
		w := s.workflows[id]
		for _, sc := range w.Schedules {
			next := sc.sched.Next(now)
			if w.TZ != nil {
				next = next.In(w.TZ)
			}
			out = append(out, ScheduleInfo{WorkflowID: id, WorkflowName: w.WF.Name, Node: sc.node.Name, Next: next})
		}
	}
	return out
}
