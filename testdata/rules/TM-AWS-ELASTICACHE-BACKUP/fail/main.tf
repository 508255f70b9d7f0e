# expect: TM-AWS-ELASTICACHE-BACKUP
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "User sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

# expect: TM-AWS-ELASTICACHE-BACKUP
resource "aws_elasticache_cluster" "queue" {
  cluster_id               = "queue"
  engine                   = "redis"
  node_type                = "cache.t4g.micro"
  num_cache_nodes          = 1
  snapshot_retention_limit = 0
}
