package executions

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"sync"
	"time"
)

// idState makes the ids of one process strictly increasing, even within
// one millisecond or when the clock steps back.
var idState struct {
	sync.Mutex
	ms  int64
	rnd uint64
}

// idRandBits is the width of the random part of an id (12 hex digits).
const idRandBits = 48

// NewID returns a new execution id: the 13-digit Unix time in
// milliseconds followed by 12 hex digits, random for the first id of a
// millisecond and incremented after it. Ids sort lexically in creation
// order within a process and by millisecond across processes; the 48
// random bits keep ids from separate processes apart. Ids contain only
// [0-9a-f], so they are safe in URLs, file names and NATS subjects.
func NewID() string {
	idState.Lock()
	defer idState.Unlock()
	ms := time.Now().UnixMilli()
	if ms <= idState.ms {
		ms = idState.ms
		idState.rnd++
		if idState.rnd >= 1<<idRandBits {
			// The millisecond's ids are used up: borrow the next one.
			ms++
			idState.rnd = randomBits()
		}
	} else {
		idState.rnd = randomBits()
	}
	idState.ms = ms
	return fmt.Sprintf("%013d%012x", ms, idState.rnd)
}

// randomBits returns idRandBits random bits with the top one clear, so
// the increments of a busy millisecond rarely overflow.
func randomBits() uint64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms.
		panic(fmt.Sprintf("executions: random id: %v", err))
	}
	return binary.BigEndian.Uint64(b[:]) & (1<<(idRandBits-1) - 1)
}
