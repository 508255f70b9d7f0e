# expect: TM-AWS-ELASTICACHE-AT-REST
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "sessions"
  engine               = "redis"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}
