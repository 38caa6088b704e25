package apis

// A LockOp says what a Locks row does to its mutex.
type LockOp int

const (
	LockWrite   LockOp = iota + 1 // Lock: exclusive
	LockRead                      // RLock: shared
	UnlockWrite                   // Unlock
	UnlockRead                    // RUnlock
	LockTry                       // TryLock, TryRLock: may or may not take it
)

// Locks are the methods of package sync's mutexes, called on a pointer to
// the mutex (the receiver is the mutex's address).
var Locks = Table[LockOp]{
	"(*sync.Mutex).Lock":       LockWrite,
	"(*sync.Mutex).Unlock":     UnlockWrite,
	"(*sync.Mutex).TryLock":    LockTry,
	"(*sync.RWMutex).Lock":     LockWrite,
	"(*sync.RWMutex).Unlock":   UnlockWrite,
	"(*sync.RWMutex).RLock":    LockRead,
	"(*sync.RWMutex).RUnlock":  UnlockRead,
	"(*sync.RWMutex).TryLock":  LockTry,
	"(*sync.RWMutex).TryRLock": LockTry,
}

// ErrorCtors make a new, non-nil error.
var ErrorCtors = Table[struct{}]{
	"errors.New": {},
	"fmt.Errorf": {},
}

// A CondOp says what a Conds row does.
type CondOp int

const (
	CondNew    CondOp = iota + 1 // sync.NewCond: a fresh condition variable
	CondWait                     // Wait: blocks until a Signal or Broadcast
	CondSignal                   // Signal, Broadcast: wakes waiters
)

// Conds are package sync's condition-variable functions.
var Conds = Table[CondOp]{
	"sync.NewCond":           CondNew,
	"(*sync.Cond).Wait":      CondWait,
	"(*sync.Cond).Signal":    CondSignal,
	"(*sync.Cond).Broadcast": CondSignal,
}

// Onces run the function they are given at most once per receiver, however
// often and from however many goroutines they are called: (*sync.Once).Do,
// whose receiver is the Once's address and whose argument is the function.
var Onces = Table[struct{}]{
	"(*sync.Once).Do": {},
}
