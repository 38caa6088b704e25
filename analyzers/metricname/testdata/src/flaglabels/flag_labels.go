// Package flaglabels is checked with -metricname.labels=shard_key,customer.tier.
package flaglabels

import "github.com/prometheus/client_golang/prometheus"

var byShardKey = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "writes_total",
	Help: "Writes.",
}, []string{"shardKey", "customer_tier", "region"}) // want `label "shardKey" of "writes_total" holds values listed as unbounded by -metricname.labels` `label "customer_tier" of "writes_total" holds values listed as unbounded by -metricname.labels`
