variable "env" {
  type    = string
  default = "dev"
}

variable "region" {
  default = "eu-west-1"
}

variable "replicas" {
  type    = number
  default = 1
}

variable "owner" {
  type = string
}

variable "settings" {
  type = object({
    versioning = optional(bool, true)
    tier       = string
  })
  default = { tier = "basic" }
}

variable "nothing" {
  type     = string
  default  = null
  nullable = false
}

variable "secret" {
  type      = string
  sensitive = true
  default   = "hunter2"
}
