package origin

import (
	"github.com/o11ylint/o11ylint/analyzers/internal/words"
)

// identWords are the whole words that make a name identifier-like or
// free text.
var identWords = map[string]bool{
	"id": true, "ids": true, "uuid": true, "uuids": true, "guid": true, "guids": true,
	"uid": true, "uids": true, "key": true, "keys": true, "token": true, "tokens": true,
	"email": true, "emails": true, "username": true, "usernames": true,
	"session": true, "sessions": true, "url": true, "urls": true, "uri": true, "uris": true,
	"path": true, "paths": true, "query": true, "queries": true, "sql": true,
	"stmt": true, "addr": true, "addrs": true, "ip": true, "ips": true,
	// lower-case compounds written as one word
	"userid": true, "sessionid": true, "requestid": true, "reqid": true, "traceid": true,
	"spanid": true, "orderid": true, "customerid": true, "tenantid": true, "accountid": true,
}

// boundedWords name values that are few by construction: a name with one
// of these words is never identifier-like ("shardID", "workerKey",
// "serviceID", "routePath", "methodKey").
var boundedWords = map[string]bool{
	"shard": true, "shards": true, "partition": true, "partitions": true,
	"worker": true, "workers": true, "attempt": true, "attempts": true,
	"level": true, "levels": true, "status": true, "code": true, "codes": true,
	"retry": true, "retries": true,
	// categories: the id of a service, region or method is one of few
	"service": true, "services": true, "region": true, "zone": true, "provider": true,
	"type": true, "kind": true, "method": true, "operation": true, "op": true,
	"component": true, "driver": true, "backend": true, "vendor": true, "platform": true,
	"protocol": true, "version": true, "schema": true, "plugin": true, "feature": true,
	"env": true, "environment": true, "stage": true, "locale": true, "language": true, "lang": true,
	// routes: a route path or pattern is the low-cardinality name
	"route": true, "routes": true, "pattern": true, "template": true,
}

// statusWords name an integer status or code: formatting one is bounded.
var statusWords = map[string]bool{"status": true, "code": true}

// typeIdentWords are the words that make a type name identifier-like
// (type UserID string, uuid.UUID, net.IP, *url.URL). Deliberately narrower
// than identWords: attribute.Key or a Path enum type is not an identifier.
var typeIdentWords = map[string]bool{
	"id": true, "uuid": true, "guid": true, "uid": true, "ip": true, "url": true, "uri": true,
	"userid": true, "sessionid": true, "requestid": true, "traceid": true, "spanid": true,
}

// nameClass is the verdict on one name.
type nameClass int

const (
	nameNeutral nameClass = iota
	nameIdent             // identifier-like
	nameBounded           // contains a bounded word (shard, status, ...)
	nameStatus            // contains status or code
)

func classifyName(name string) nameClass {
	ws := words.Split(name)
	ident, bounded, status := false, false, false
	for _, w := range ws {
		if identWords[w] {
			ident = true
		}
		if boundedWords[w] {
			bounded = true
		}
		if statusWords[w] {
			status = true
		}
	}
	switch {
	case status:
		return nameStatus
	case bounded:
		return nameBounded
	case ident:
		return nameIdent
	}
	return nameNeutral
}

// IdentifierName reports whether name, split into words at camelCase humps
// and underscores, contains a word that makes it identifier-like (userID,
// order_id, reqPath, clientIP; not valid, provider, keyspace, shardID).
func IdentifierName(name string) bool { return classifyName(name) == nameIdent }

func typeNameIdent(name string) bool {
	for _, w := range words.Split(name) {
		if typeIdentWords[w] {
			return true
		}
	}
	return false
}
