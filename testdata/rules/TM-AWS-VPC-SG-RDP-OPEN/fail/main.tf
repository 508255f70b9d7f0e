module "windows" {
  source = "./modules/windows"
  count  = 2
  name   = "win-${count.index}"
}
