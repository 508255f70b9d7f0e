" Syntax for tm-ls threat models (*.tm.hcl): HCL with the DSL's block keywords.
if exists("b:current_syntax")
  finish
endif

syn keyword tmhclBlock model data boundary actor component flow control accept import
syn keyword tmhclConstant true false null
syn match tmhclNumber "\<\d\+\(\.\d\+\)\=\([eE][+-]\=\d\+\)\=\>"
syn match tmhclAttribute "^\s*\zs[A-Za-z_][A-Za-z0-9_-]*\ze\s*=[^=]"
syn match tmhclReference "\<\(boundary\|actor\|component\|data\|flow\|control\|model\)\.[A-Za-z_][A-Za-z0-9_-]*"
syn match tmhclResource "\<\(aws\|azurerm\|google\|kubernetes\)_[A-Za-z0-9_]\+\.[A-Za-z_][A-Za-z0-9_-]*"
syn region tmhclInterpolation matchgroup=tmhclDelimiter start="\${" end="}" contained contains=tmhclReference,tmhclResource,tmhclNumber,tmhclConstant
syn region tmhclString start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=tmhclInterpolation
syn region tmhclHeredoc start="<<-\=\z([A-Za-z_][A-Za-z0-9_]*\)$" end="^\s*\z1$" contains=tmhclInterpolation
syn match tmhclSuppression "tm:ignore:[A-Z0-9,-]\+" contained
syn match tmhclComment "#.*$" contains=tmhclSuppression
syn match tmhclComment "//.*$" contains=tmhclSuppression
syn region tmhclComment start="/\*" end="\*/"

hi def link tmhclBlock Keyword
hi def link tmhclConstant Boolean
hi def link tmhclNumber Number
hi def link tmhclAttribute Identifier
hi def link tmhclReference Type
hi def link tmhclResource Type
hi def link tmhclString String
hi def link tmhclHeredoc String
hi def link tmhclDelimiter Delimiter
hi def link tmhclComment Comment
hi def link tmhclSuppression Todo

let b:current_syntax = "tm-hcl"
