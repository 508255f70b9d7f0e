package terraform

import (
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// Related returns the resources of type typ linked to r: those r references, those
// referencing r (through any instance), S3 split resources joined to r (or the bucket
// r is joined to), split resources naming r's bucket by literal, and the account-wide
// defaults of its root module that govern it (accountDefaults). The relation is
// symmetric; the result is sorted by (Root, Address) without duplicates.
func (w *Workspace) Related(r *model.Resource, typ string) []*model.Resource {
	w.relOnce.Do(w.buildRelations)
	var out []*model.Resource
	for o := range w.relations[r.Root][r] {
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

// relation maps each resource of one root module to those related to it.
type relation map[*model.Resource]map[*model.Resource]bool

// RootSegments calls fn with the resources of each root module, in order, and the
// index in Resources of the first: Resources is sorted by root, so each root's
// resources are one contiguous run.
func (w *Workspace) RootSegments(fn func(root string, rs []*model.Resource, first int)) {
	for i := 0; i < len(w.Resources); {
		j := i + 1
		for j < len(w.Resources) && w.Resources[j].Root == w.Resources[i].Root {
			j++
		}
		fn(w.Resources[i].Root, w.Resources[i:j], i)
		i = j
	}
}

func (w *Workspace) rootSegments(fn func(root string, rs []*model.Resource)) {
	w.RootSegments(func(root string, rs []*model.Resource, _ int) { fn(root, rs) })
}

// buildRelationsReusing builds the relations root by root (relations never cross
// root modules), taking those of the reused roots from prev as they are: the same
// resources, related among themselves only.
func (w *Workspace) buildRelationsReusing(prev *Workspace, reused map[string]bool) {
	w.relations = map[string]relation{}
	if prev != nil {
		prev.relOnce.Do(prev.buildRelations)
	}
	w.rootSegments(func(root string, rs []*model.Resource) {
		if reused[root] {
			if rel, ok := prev.relations[root]; ok {
				w.relations[root] = rel // read-only from now on, shared
				return
			}
		}
		w.relations[root] = relationsOf(rs)
	})
}

// accountDefaults are account-wide settings resources and the resource types whose
// behaviour they decide. A root module usually deploys into one account, so each
// such resource is related to every resource it governs in the same root: rules
// can then see, through related(), that EBS encryption by default or the
// account-level S3 public access block covers a resource that does not say so
// itself.
var accountDefaults = map[string][]string{
	"aws_ebs_encryption_by_default":      {"aws_ebs_volume", "aws_ebs_snapshot", "aws_ebs_snapshot_copy", "aws_instance", "aws_launch_template", "aws_launch_configuration"},
	"aws_s3_account_public_access_block": {"aws_s3_bucket"},
}

// relationsOf links the resources of one root module.
func relationsOf(rs []*model.Resource) relation {
	rel := relation{}
	link := func(a, b *model.Resource) {
		if a == b || a == nil || b == nil {
			return
		}
		if rel[a] == nil {
			rel[a] = map[*model.Resource]bool{}
		}
		if rel[b] == nil {
			rel[b] = map[*model.Resource]bool{}
		}
		rel[a][b] = true
		rel[b][a] = true
	}
	byAddr := make(map[string]*model.Resource, len(rs))
	byBase := map[string][]*model.Resource{}
	buckets := map[string][]*model.Resource{}
	for _, r := range rs {
		byAddr[r.Address] = r
		byBase[r.BaseAddress] = append(byBase[r.BaseAddress], r)
		if r.Type == "aws_s3_bucket" && r.Mode == model.Managed {
			if n := str(attr(r.Attrs, "bucket")); n != "" {
				buckets[n] = append(buckets[n], r)
			}
		}
	}
	governs := map[string][]*model.Resource{} // governed type → account defaults
	for _, r := range rs {
		if r.Mode != model.Managed {
			continue
		}
		for _, typ := range accountDefaults[r.Type] {
			governs[typ] = append(governs[typ], r)
		}
	}
	for _, r := range rs {
		if r.Mode == model.Managed {
			for _, d := range governs[r.Type] {
				link(r, d)
			}
		}
		for _, ref := range r.Refs {
			if (ref.From == "count" || ref.From == "for_each") && precise(r, ref.To) {
				// `count = length(aws_instance.web)` next to `aws_instance.web[count.index]`:
				// the instance reference says which one; the cardinality is no relation.
				continue
			}
			if t := byAddr[ref.To]; t != nil {
				link(r, t)
				continue
			}
			ts := byBase[ref.To]
			if len(ts) == 0 {
				ts = byBase[stripKey(ref.To)]
			}
			for _, t := range ts {
				link(r, t)
			}
		}
		if r.JoinedTo != "" {
			link(r, byAddr[r.JoinedTo])
		}
		if strings.HasPrefix(r.Type, "aws_s3_bucket_") && r.Mode == model.Managed {
			if n := str(attr(r.Attrs, "bucket")); n != "" {
				for _, b := range buckets[n] {
					link(r, b)
				}
			}
		}
	}
	return rel
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
	out := make([]*model.Resource, 0, len(w.relations[r.Root][r]))
	for o := range w.relations[r.Root][r] {
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
