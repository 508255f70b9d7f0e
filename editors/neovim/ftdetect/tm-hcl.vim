" *.tm.hcl are tm-ls threat models. `set filetype` (not `setfiletype`) because the
" runtime's *.hcl rule has already set "hcl" by the time ftdetect runs.
autocmd BufRead,BufNewFile *.tm.hcl set filetype=tm-hcl
