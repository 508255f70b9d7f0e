# Well-known ports: the protocol a flow on that port speaks and whether it is
# encrypted in transit (omitted when the port carries both, such as 5432).
port "80" {
  protocol  = "http"
  encrypted = false
}
port "8080" {
  protocol  = "http"
  encrypted = false
}
port "443" {
  protocol  = "https"
  encrypted = true
}
port "8443" {
  protocol  = "https"
  encrypted = true
}
port "22" {
  protocol  = "ssh"
  encrypted = true
}
port "3389" {
  protocol  = "rdp"
  encrypted = true
}
port "21" {
  protocol  = "ftp"
  encrypted = false
}
port "23" {
  protocol  = "telnet"
  encrypted = false
}
port "5432" {
  protocol = "postgres"
}
port "3306" {
  protocol = "mysql"
}
port "1433" {
  protocol = "tds"
}
port "6379" {
  protocol = "redis"
}
port "27017" {
  protocol = "mongodb"
}
port "9092" {
  protocol = "kafka"
}

# Protocol names as written on listeners and in threat models.
protocol "http" {
  encrypted = false
}
protocol "https" {
  encrypted = true
}
protocol "tls" {
  encrypted = true
}
protocol "tcp" {
}
protocol "udp" {
}
protocol "grpc" {
}
protocol "grpcs" {
  encrypted = true
}
protocol "ssh" {
  encrypted = true
}
protocol "aws-api" {
  encrypted = true
}
protocol "azure-api" {
  encrypted = true
}
protocol "gcp-api" {
  encrypted = true
}
protocol "ftp" {
  encrypted = false
}
protocol "telnet" {
  encrypted = false
}
protocol "amqp" {
  encrypted = false
}
protocol "amqps" {
  encrypted = true
}
protocol "mqtt" {
  encrypted = false
}
protocol "mqtts" {
  encrypted = true
}
