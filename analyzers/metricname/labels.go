package metricname

import (
	"strings"
)

// An unboundedLabel says why a label name or attribute key is known to take
// unbounded values, and what to do instead.
type unboundedLabel struct {
	what string // "a user id"
	fix  string // "drop the label; ..."
}

const (
	fixID       = "drop it and keep the id in logs or traces, or label by a bounded class (plan, tier, region)"
	fixTrace    = "drop it and attach the id as an exemplar (ObserveWithExemplar / AddWithExemplar) so a sample links to its trace"
	fixPath     = "label by the route template (r.Pattern, http.route) instead of the raw request"
	fixAddr     = "drop it, or label by a bounded class (zone, peer role)"
	fixAgent    = "drop it, or label by a bounded client class (browser family, SDK name)"
	fixError    = "label by a bounded error class (the gRPC code, a sentinel error's name) and keep the text in logs"
	fixStmt     = "label by the operation (db.operation.name) or a query name constant, not the statement text"
	fixTime     = "drop it: the sample already carries its timestamp"
	fixIdentity = "drop it and keep it in logs, or label by a bounded class of users"
)

// knownUnbounded maps a normalised label name (lower case, words joined by
// '_') to why it is unbounded. Bare nouns that are as often bounded as not
// (path, url, uri, query, addr, ip, host: a configured endpoint, a route
// template) are deliberately absent: their values are judged by origin.
var knownUnbounded = func() map[string]unboundedLabel {
	m := map[string]unboundedLabel{}
	add := func(what, fix string, names ...string) {
		for _, n := range names {
			m[n] = unboundedLabel{what, fix}
		}
	}
	add("a user id", fixID, "user_id", "userid", "enduser_id", "customer_id", "customerid", "account_id", "accountid")
	add("a tenant id", fixID, "tenant_id", "tenantid")
	add("a session id", fixID, "session_id", "sessionid")
	add("a request id", fixID, "request_id", "requestid", "req_id", "correlation_id", "correlationid", "x_request_id")
	add("a trace id", fixTrace, "trace_id", "traceid", "span_id", "spanid")
	add("a uuid", fixID, "uuid", "guid")
	add("an email address", fixIdentity, "email", "user_email", "email_address")
	add("a user name", fixIdentity, "username", "user_name")
	add("a client address", fixAddr, "client_ip", "remote_ip", "source_ip", "src_ip", "remote_addr", "remote_address", "client_addr", "client_address")
	add("a user agent", fixAgent, "user_agent", "useragent", "http_user_agent", "user_agent_original")
	add("error text", fixError, "error_message", "error_msg", "err_msg", "errmsg", "error_text", "exception_message", "error_string")
	add("a database statement", fixStmt, "db_statement", "db_query_text", "sql", "sql_query", "query_text")
	add("a timestamp", fixTime, "timestamp")
	add("a raw URL or request path", fixPath, "url_full", "full_url", "http_url", "request_url", "url_path", "request_path", "raw_path", "http_target", "url_query", "raw_query", "query_string", "request_uri", "url_original")
	return m
}()

// normaliseLabel lower-cases a label name or attribute key and joins its
// words with '_': "userID", "user.id", "user-id" and "user_id" are all
// "user_id".
func normaliseLabel(s string) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, strings.ToLower(cur.String()))
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || c == '.' || c == '-' || c == '/' || c == ' ':
			flush()
		case 'A' <= c && c <= 'Z':
			// A new word starts at an upper-case letter after a lower-case
			// one or a digit ("userId"), or before a lower-case letter
			// that follows upper-case ones ("HTTPStatus" -> http, status).
			if i > 0 {
				p := s[i-1]
				lowerBefore := 'a' <= p && p <= 'z' || '0' <= p && p <= '9'
				upperRun := 'A' <= p && p <= 'Z' && i+1 < len(s) && 'a' <= s[i+1] && s[i+1] <= 'z'
				if lowerBefore || upperRun {
					flush()
				}
			}
			cur.WriteByte(c)
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return strings.Join(words, "_")
}

// unboundedLabelName reports whether a label name or attribute key is known
// to be unbounded, either from the built-in list or from -metricname.labels.
func (c *checker) unboundedLabelName(label string) (unboundedLabel, bool) {
	n := normaliseLabel(label)
	if (tenantDimension(n) || c.tenantScoped && userDimension(n)) && !c.tenantsUnbounded {
		return unboundedLabel{}, false // bounded by the deployment
	}
	if u, ok := knownUnbounded[n]; ok {
		return u, true
	}
	if c.extraLabels[n] {
		return unboundedLabel{"values listed as unbounded by -metricname.labels", "drop it, or label by a bounded class"}, true
	}
	return unboundedLabel{}, false
}
