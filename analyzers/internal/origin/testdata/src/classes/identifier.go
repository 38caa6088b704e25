package classes

import (
	"fmt"
	"strconv"

	"fixtures/mark"
)

type order struct {
	OrderID  int64
	userID   string
	Customer string
	Valid    bool
	Provider string
}

func identifiers(userID string, orderId int, o *order, v order, id int64, clientIP string, reqPath string) {
	mark.S(userID)                                   // want `identifier-like: userID, which looks like an identifier \(line 18\) @18`
	mark.S(strconv.Itoa(orderId))                    // want `identifier-like: orderId, which looks like an identifier`
	mark.S("process order " + strconv.Itoa(orderId)) // want `identifier-like: orderId`
	mark.S(fmt.Sprintf("GET /users/%d", id))         // want `identifier-like: id, which looks like an identifier`
	mark.S(o.userID)                                 // want `identifier-like: o.userID, which looks like an identifier`
	mark.S(v.OrderID)                                // want `identifier-like: v.OrderID, which looks like an identifier`
	mark.S(clientIP)                                 // want `identifier-like: clientIP`
	mark.S("open " + reqPath)                        // want `identifier-like: reqPath`
	key := o.Customer + "/" + userID
	mark.S(key) // want `identifier-like: userID`
	cacheKey := fmt.Sprintf("%s/%s", o.Customer, o.Provider)
	mark.S(cacheKey) // want `identifier-like: cacheKey, which looks like an identifier`
	n := o.OrderID
	mark.S(strconv.FormatInt(n, 10)) // want `identifier-like: o.OrderID`
	mark.S(getUserID())              // want `identifier-like: getUserID\(\), which looks like an identifier`
}

func getUserID() string { return users["current"] }

var users map[string]string

func notIdentifiers(valid string, provider string, keyspace string, pathology string, shardID int, partitionKey string, workerID int, attempt int, level string, o *order) {
	mark.S(valid)                        // want `unknown`
	mark.S(provider)                     // want `unknown`
	mark.S(keyspace)                     // want `unknown`
	mark.S(pathology)                    // want `unknown`
	mark.S(strconv.Itoa(shardID))        // want `unknown`
	mark.S(partitionKey)                 // want `unknown`
	mark.S(fmt.Sprintf("w%d", workerID)) // want `unknown`
	mark.S(strconv.Itoa(attempt))        // want `unknown`
	mark.S(level)                        // want `unknown`
	mark.S(o.Provider)                   // want `unknown`
	mark.S(o.Valid)                      // want `unknown`
}

// UserID is an identifier type.
type UserID string

func typedByType(x UserID) {
	mark.S(string(x)) // want `identifier-like: x, a classes.UserID`
}

// Route is a registered route.
type Route struct{ Path string }

type server struct{ selectedRoute *Route }

func categories(serviceID string, regionKey string, methodPath string, rt *Route, s *server, typeID int) {
	mark.S(serviceID)            // want `unknown`
	mark.S(regionKey)            // want `unknown`
	mark.S(methodPath)           // want `unknown`
	mark.S(rt.Path)              // want `unknown`
	mark.S(s.selectedRoute.Path) // want `unknown`
	mark.S(strconv.Itoa(typeID)) // want `unknown`
	routePath := s.selectedRoute.Path
	mark.S("GET " + routePath) // want `unknown`
}

// A registered route behind an interface: its Path is the pattern.
type HandlerRoute interface {
	Method() string
	Path() string
}

type fileRef struct{ name string }

func (f *fileRef) Path() string { return f.name }

func routeMethods(route HandlerRoute, rt *Route, f *fileRef) {
	mark.S(route.Method() + " " + route.Path()) // want `unknown`
	mark.S(f.Path())                            // want `identifier-like: f.Path\(\), which looks like an identifier`
}
