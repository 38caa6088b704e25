package origin

// A source is a call or field whose value has a known class.
type source struct {
	class Class
	what  string // what the value is, for the Reason: "the raw request path"
}

// callSources are calls (by types.Func full name; interface methods match
// calls through the interface) whose first result has a fixed class.
var callSources = map[string]source{
	// request data
	"(*net/url.URL).String":             {Unbounded, "the full URL"},
	"(*net/url.URL).EscapedPath":        {Unbounded, "the raw URL path"},
	"(*net/url.URL).RequestURI":         {Unbounded, "the raw request URI"},
	"(*net/url.URL).EscapedFragment":    {Unbounded, "the URL fragment"},
	"(*net/url.URL).Redacted":           {Unbounded, "the full URL"},
	"(*net/url.URL).Query":              {Unbounded, "the query parameters"},
	"(net/url.Values).Get":              {Unbounded, "a query or form value"},
	"(net/url.Values).Encode":           {Unbounded, "the encoded query"},
	"(net/http.Header).Get":             {Unbounded, "a header value"},
	"(net/http.Header).Values":          {Unbounded, "header values"},
	"(*net/http.Request).FormValue":     {Unbounded, "a form value"},
	"(*net/http.Request).PostFormValue": {Unbounded, "a form value"},
	"(*net/http.Request).PathValue":     {Unbounded, "a path wildcard value"},
	"(*net/http.Request).Referer":       {Unbounded, "the referer header"},
	"(*net/http.Request).UserAgent":     {Unbounded, "the user agent"},
	"(*net/http.Request).Cookie":        {Unbounded, "a cookie"},
	"(*net/http.Request).Cookies":       {Unbounded, "the cookies"},
	"(*net/http.Request).CookiesNamed":  {Unbounded, "the cookies"},
	"(*net/http.Cookie).String":         {Unbounded, "a cookie"},
	"(net.Addr).String":                 {Unbounded, "a network address"},
	"(*net.TCPAddr).String":             {Unbounded, "a network address"},
	"(*net.UDPAddr).String":             {Unbounded, "a network address"},
	"(net.IP).String":                   {Unbounded, "an IP address"},
	"(net/netip.Addr).String":           {Unbounded, "an IP address"},
	"(net/netip.AddrPort).String":       {Unbounded, "a network address"},

	// route patterns of web frameworks: the low-cardinality route
	"(github.com/labstack/echo/v4.Context).Path":                     {Bounded, "the route pattern"},
	"(github.com/labstack/echo.Context).Path":                        {Bounded, "the route pattern"},
	"(*github.com/gin-gonic/gin.Context).FullPath":                   {Bounded, "the route pattern"},
	"(*github.com/emicklei/go-restful/v3.Request).SelectedRoutePath": {Bounded, "the route pattern"},
	"(*github.com/emicklei/go-restful.Request).SelectedRoutePath":    {Bounded, "the route pattern"},
	"(*github.com/gorilla/mux.Route).GetPathTemplate":                {Bounded, "the route pattern"},
	"(*github.com/go-chi/chi/v5.Context).RoutePattern":               {Bounded, "the route pattern"},
	"(*github.com/go-chi/chi.Context).RoutePattern":                  {Bounded, "the route pattern"},
	"(*github.com/gofiber/fiber/v2.Route).Path":                      {Bounded, "the route pattern"},

	// time
	"time.Now":                 {Unbounded, "the current time"},
	"time.Since":               {Unbounded, "a measured duration"},
	"time.Until":               {Unbounded, "a measured duration"},
	"(time.Time).Format":       {Unbounded, "a timestamp"},
	"(time.Time).String":       {Unbounded, "a timestamp"},
	"(time.Time).Unix":         {Unbounded, "a timestamp"},
	"(time.Time).UnixNano":     {Unbounded, "a timestamp"},
	"(time.Time).UnixMilli":    {Unbounded, "a timestamp"},
	"(time.Time).UnixMicro":    {Unbounded, "a timestamp"},
	"(time.Time).AppendFormat": {Unbounded, "a timestamp"},
	"(time.Time).Sub":          {Unbounded, "a measured duration"},

	// uuid and other id generators
	"github.com/google/uuid.New":            {Unbounded, "a fresh uuid"},
	"github.com/google/uuid.NewString":      {Unbounded, "a fresh uuid"},
	"github.com/google/uuid.NewRandom":      {Unbounded, "a fresh uuid"},
	"github.com/google/uuid.NewUUID":        {Unbounded, "a fresh uuid"},
	"github.com/google/uuid.NewV6":          {Unbounded, "a fresh uuid"},
	"github.com/google/uuid.NewV7":          {Unbounded, "a fresh uuid"},
	"github.com/gofrs/uuid.NewV1":           {Unbounded, "a fresh uuid"},
	"github.com/gofrs/uuid.NewV4":           {Unbounded, "a fresh uuid"},
	"github.com/gofrs/uuid.NewV6":           {Unbounded, "a fresh uuid"},
	"github.com/gofrs/uuid.NewV7":           {Unbounded, "a fresh uuid"},
	"github.com/gofrs/uuid/v5.NewV1":        {Unbounded, "a fresh uuid"},
	"github.com/gofrs/uuid/v5.NewV4":        {Unbounded, "a fresh uuid"},
	"github.com/gofrs/uuid/v5.NewV6":        {Unbounded, "a fresh uuid"},
	"github.com/gofrs/uuid/v5.NewV7":        {Unbounded, "a fresh uuid"},
	"github.com/satori/go.uuid.NewV1":       {Unbounded, "a fresh uuid"},
	"github.com/satori/go.uuid.NewV4":       {Unbounded, "a fresh uuid"},
	"github.com/rs/xid.New":                 {Unbounded, "a fresh id"},
	"github.com/oklog/ulid/v2.Make":         {Unbounded, "a fresh ulid"},
	"github.com/oklog/ulid/v2.MustNew":      {Unbounded, "a fresh ulid"},
	"github.com/oklog/ulid/v2.New":          {Unbounded, "a fresh ulid"},
	"github.com/oklog/ulid.MustNew":         {Unbounded, "a fresh ulid"},
	"github.com/oklog/ulid.New":             {Unbounded, "a fresh ulid"},
	"github.com/segmentio/ksuid.New":        {Unbounded, "a fresh ksuid"},
	"github.com/lithammer/shortuuid.New":    {Unbounded, "a fresh uuid"},
	"github.com/lithammer/shortuuid/v4.New": {Unbounded, "a fresh uuid"},
	"crypto/rand.Text":                      {Unbounded, "a random value"},
}

// fieldSources are struct fields, "(pkg.Type).Field", with a fixed class.
var fieldSources = map[string]source{
	"(net/http.Request).Pattern":     {Bounded, "the route pattern"},
	"(net/http.Request).Proto":       {Bounded, "the protocol version"},
	"(net/http.Request).RemoteAddr":  {Unbounded, "the client address"},
	"(net/http.Request).RequestURI":  {Unbounded, "the raw request URI"},
	"(net/http.Request).URL":         {Unbounded, "the request URL"},
	"(net/url.URL).Path":             {Unbounded, "the raw URL path"},
	"(net/url.URL).RawPath":          {Unbounded, "the raw URL path"},
	"(net/url.URL).RawQuery":         {Unbounded, "the raw query"},
	"(net/url.URL).Fragment":         {Unbounded, "the URL fragment"},
	"(net/url.URL).RawFragment":      {Unbounded, "the URL fragment"},
	"(net/url.URL).Opaque":           {Unbounded, "the opaque URL"},
	"(net/http.Cookie).Value":        {Unbounded, "a cookie value"},
	"(net/http.Response).StatusCode": {Bounded, "the status code"},
	"(net/http.Response).Status":     {Bounded, "the status"},
}

// randPkgs are packages whose every function and method returns random values.
var randPkgs = map[string]bool{"math/rand": true, "math/rand/v2": true}

// A transform is a call whose result is made from some of its arguments:
// formatting, concatenation, case changes, trimming, escaping.
// Slice arguments (the ...any of fmt.Sprintf, the parts of strings.Join)
// flow in through their elements.
type transform struct {
	args    []int // argument indexes (receiver of a static method call is 0) whose values flow in
	bounded bool  // the result is bounded whatever the arguments (FormatBool)
}

func args(is ...int) transform { return transform{args: is} }

var transforms = map[string]transform{
	"fmt.Sprintf":                               {args: []int{0, 1}},
	"fmt.Sprint":                                {args: []int{0}},
	"fmt.Sprintln":                              {args: []int{0}},
	"strconv.Itoa":                              args(0),
	"strconv.FormatInt":                         args(0),
	"strconv.FormatUint":                        args(0),
	"strconv.FormatFloat":                       args(0),
	"strconv.FormatBool":                        {bounded: true},
	"strconv.Quote":                             args(0),
	"strconv.QuoteToASCII":                      args(0),
	"strings.ToLower":                           args(0),
	"strings.ToUpper":                           args(0),
	"strings.ToTitle":                           args(0),
	"strings.Title":                             args(0),
	"strings.TrimSpace":                         args(0),
	"strings.Trim":                              args(0),
	"strings.TrimLeft":                          args(0),
	"strings.TrimRight":                         args(0),
	"strings.TrimPrefix":                        args(0),
	"strings.TrimSuffix":                        args(0),
	"strings.TrimFunc":                          args(0),
	"strings.Replace":                           args(0, 2),
	"strings.ReplaceAll":                        args(0, 2),
	"strings.Repeat":                            args(0),
	"strings.Clone":                             args(0),
	"strings.Join":                              {args: []int{0, 1}},
	"path.Join":                                 {args: []int{0}},
	"path.Clean":                                args(0),
	"path.Base":                                 args(0),
	"path.Dir":                                  args(0),
	"path/filepath.Join":                        {args: []int{0}},
	"path/filepath.Clean":                       args(0),
	"path/filepath.Base":                        args(0),
	"path/filepath.Dir":                         args(0),
	"net/url.PathEscape":                        args(0),
	"net/url.QueryEscape":                       args(0),
	"net/url.PathUnescape":                      args(0),
	"net/url.QueryUnescape":                     args(0),
	"html.EscapeString":                         args(0),
	"(time.Duration).String":                    args(0),
	"github.com/google/uuid.Must":               args(0),
	"(github.com/google/uuid.UUID).String":      args(0),
	"github.com/gofrs/uuid.Must":                args(0),
	"(github.com/gofrs/uuid.UUID).String":       args(0),
	"github.com/gofrs/uuid/v5.Must":             args(0),
	"(github.com/gofrs/uuid/v5.UUID).String":    args(0),
	"(github.com/satori/go.uuid.UUID).String":   args(0),
	"(github.com/rs/xid.ID).String":             args(0),
	"(github.com/oklog/ulid/v2.ULID).String":    args(0),
	"(github.com/segmentio/ksuid.KSUID).String": args(0),
}

// boundedRandom are random functions bounded by a small constant argument.
var boundedRandom = map[string]int{
	"math/rand.Intn": 0, "math/rand.Int31n": 0, "math/rand.Int63n": 0,
	"math/rand/v2.IntN": 0, "math/rand/v2.Int32N": 0, "math/rand/v2.Int64N": 0,
	"math/rand/v2.UintN": 0, "math/rand/v2.Uint32N": 0, "math/rand/v2.Uint64N": 0,
	"math/rand/v2.N": 0,
}

// A route registration registers a handler (argument handler, counted
// without the receiver) for a pattern; pattern >= 0 is a ServeMux pattern
// that may name a method ("GET /x"), methods says the call itself names
// the methods (chi's Get, Post, ..., Method). Other registrations are
// restricted to methods when their route's Methods is called
// (routeMethods).
type routeRegistration struct {
	pattern, handler int
	methods          bool
}

var routeRegistrations = map[string]routeRegistration{
	"(*net/http.ServeMux).Handle":                  {pattern: 0, handler: 1},
	"(*net/http.ServeMux).HandleFunc":              {pattern: 0, handler: 1},
	"net/http.Handle":                              {pattern: 0, handler: 1},
	"net/http.HandleFunc":                          {pattern: 0, handler: 1},
	"(*github.com/gorilla/mux.Router).Handle":      {pattern: -1, handler: 1},
	"(*github.com/gorilla/mux.Router).HandleFunc":  {pattern: -1, handler: 1},
	"(github.com/go-chi/chi/v5.Router).Connect":    {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Delete":     {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Get":        {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Head":       {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Options":    {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Patch":      {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Post":       {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Put":        {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Trace":      {pattern: -1, handler: 1, methods: true},
	"(github.com/go-chi/chi/v5.Router).Method":     {pattern: -1, handler: 2, methods: true},
	"(github.com/go-chi/chi/v5.Router).MethodFunc": {pattern: -1, handler: 2, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Connect":      {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Delete":       {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Get":          {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Head":         {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Options":      {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Patch":        {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Post":         {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Put":          {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Trace":        {pattern: -1, handler: 1, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).Method":       {pattern: -1, handler: 2, methods: true},
	"(*github.com/go-chi/chi/v5.Mux).MethodFunc":   {pattern: -1, handler: 2, methods: true},
}

// routeMethods restrict a registered route to the methods they name.
var routeMethods = map[string]bool{
	"(*github.com/gorilla/mux.Route).Methods": true,
}

// otelhttpPkg is otelhttp, whose server handlers give their span name
// formatter the request a client sent (its transport gives the request
// the program sends). otelhttp is not a dependency of o11ylint, so its
// rows live here rather than in the apis tables, whose tests resolve
// every row against the real library.
const otelhttpPkg = "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

// serverHandlers are otelhttp's server-side constructors; their last
// argument is the options.
var serverHandlers = map[string]bool{
	otelhttpPkg + ".NewHandler":    true,
	otelhttpPkg + ".NewMiddleware": true,
}
