package terraform

import (
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// Related returns the resources of type typ linked to r: those r references, those
// referencing r (through any instance), S3 split resources joined to r (or the bucket
// r is joined to), and split resources naming r's bucket by literal. The relation is
// symmetric; the result is sorted by (Root, Address) without duplicates.
func (w *Workspace) Related(r *model.Resource, typ string) []*model.Resource {
	w.relOnce.Do(w.buildRelations)
	var out []*model.Resource
	for o := range w.relations[r] {
		if o.Type == typ {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Root != out[j].Root {
			return out[i].Root < out[j].Root
		}
		return out[i].Address < out[j].Address
	})
	return out
}

func (w *Workspace) buildRelations() { w.buildRelationsReusing(nil, nil) }

// buildRelationsReusing builds the relations, taking those of the resources of the
// reused roots from prev (the same resources, related among themselves only).
func (w *Workspace) buildRelationsReusing(prev *Workspace, reused map[string]bool) {
	w.relations = map[*model.Resource]map[*model.Resource]bool{}
	if prev != nil {
		prev.relOnce.Do(prev.buildRelations)
		for _, r := range w.Resources {
			if reused[r.Root] {
				if rel, ok := prev.relations[r]; ok {
					w.relations[r] = rel // read-only from now on, shared
				}
			}
		}
	}
	link := func(a, b *model.Resource) {
		if a == b || a == nil || b == nil {
			return
		}
		if w.relations[a] == nil {
			w.relations[a] = map[*model.Resource]bool{}
		}
		if w.relations[b] == nil {
			w.relations[b] = map[*model.Resource]bool{}
		}
		w.relations[a][b] = true
		w.relations[b][a] = true
	}
	type rootIdx struct {
		byAddr  map[string]*model.Resource
		byBase  map[string][]*model.Resource
		buckets map[string][]*model.Resource
	}
	roots := map[string]*rootIdx{}
	for _, r := range w.Resources {
		if reused[r.Root] {
			continue
		}
		ix := roots[r.Root]
		if ix == nil {
			ix = &rootIdx{byAddr: map[string]*model.Resource{}, byBase: map[string][]*model.Resource{}, buckets: map[string][]*model.Resource{}}
			roots[r.Root] = ix
		}
		ix.byAddr[r.Address] = r
		ix.byBase[r.BaseAddress] = append(ix.byBase[r.BaseAddress], r)
		if r.Type == "aws_s3_bucket" && r.Mode == model.Managed {
			if n := str(attr(r.Attrs, "bucket")); n != "" {
				ix.buckets[n] = append(ix.buckets[n], r)
			}
		}
	}
	for _, r := range w.Resources {
		if reused[r.Root] {
			continue
		}
		ix := roots[r.Root]
		for _, ref := range r.Refs {
			if (ref.From == "count" || ref.From == "for_each") && precise(r, ref.To) {
				// `count = length(aws_instance.web)` next to `aws_instance.web[count.index]`:
				// the instance reference says which one; the cardinality is no relation.
				continue
			}
			if t := ix.byAddr[ref.To]; t != nil {
				link(r, t)
				continue
			}
			ts := ix.byBase[ref.To]
			if len(ts) == 0 {
				ts = ix.byBase[stripKey(ref.To)]
			}
			for _, t := range ts {
				link(r, t)
			}
		}
		if r.JoinedTo != "" {
			link(r, ix.byAddr[r.JoinedTo])
		}
		if strings.HasPrefix(r.Type, "aws_s3_bucket_") && r.Mode == model.Managed {
			if n := str(attr(r.Attrs, "bucket")); n != "" {
				for _, b := range ix.buckets[n] {
					link(r, b)
				}
			}
		}
	}
}

// precise reports whether r also references one instance of base.
func precise(r *model.Resource, base string) bool {
	for _, ref := range r.Refs {
		if ref.From != "count" && ref.From != "for_each" && strings.HasPrefix(ref.To, base+"[") {
			return true
		}
	}
	return false
}

// Neighbors returns every resource related to r, whatever its type, sorted: what
// a rule on r can see besides r itself (for deciding whether r's outcomes still hold).
func (w *Workspace) Neighbors(r *model.Resource) []*model.Resource {
	w.relOnce.Do(w.buildRelations)
	out := make([]*model.Resource, 0, len(w.relations[r]))
	for o := range w.relations[r] {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Root != out[j].Root {
			return out[i].Root < out[j].Root
		}
		return out[i].Address < out[j].Address
	})
	return out
}
