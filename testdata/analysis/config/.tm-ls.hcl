rules {
  disable  = ["TM-AWS-S3-LOGGING"]
  severity = { "TM-AWS-EC2-IMDSV1" = "critical" }
}
