variable "queue" {
  default = "dflt"
}

resource "aws_sqs_queue" "q" {
  name = var.queue
}
