// Package corpus generates realistic synthetic handbooks for benchmarks and
// tests: teams, roles and guide pages with task lists, tables, code blocks,
// callouts, relative links and Swedish text.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var words = strings.Fields(`team playbook onboarding checklist responsibility escalation warehouse
customer service returns campaign platform release incident review roadmap budget forecast stock
order delivery carrier invoice margin conversion traffic search content product catalogue price
lagerställe kundtjänst öppettider leverans beställning introduktion ansvar samarbete ärende
kampanj plattform utveckling ekonomi prognos avstämning granskning veckomöte rutin`)

var teams = []string{"marketing", "it", "customer-service", "ecommerce", "warehouse", "c-level", "content", "data", "finance"}

var roles = []string{"ecommerce-manager", "platform-owner", "product-specialist", "business-analyst",
	"seo-sem-specialist", "content-manager", "warehouse-lead", "support-agent", "data-engineer", "finance-controller"}

// Generate writes a site of n pages under dir (content/ and playbook.toml),
// the same for the same n and seed.
func Generate(dir string, n int, seed uint64) error {
	return GenerateTeams(dir, n, 0, seed)
}

// GenerateTeams is Generate with the pages spread over k team folders
// (teams/team-0001/ and so on) instead of the nine named teams, when k is
// positive: a site of many folders side by side.
func GenerateTeams(dir string, n, k int, seed uint64) error {
	folders := teams
	if k > 0 {
		folders = make([]string, k)
		for i := range folders {
			folders[i] = fmt.Sprintf("team-%04d", i+1)
		}
	}
	rng := rand.New(rand.NewPCG(seed, uint64(n)))
	content := filepath.Join(dir, "content")
	write := func(rel, text string) error {
		p := filepath.Join(content, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(text), 0o644)
	}
	if err := os.WriteFile(filepath.Join(dir, "playbook.toml"), []byte("title = \"Generated handbook\"\n"), 0o644); err != nil {
		return err
	}
	if err := write("_index.md", "---\ntitle: Generated handbook\n---\nA generated handbook for benchmarks.\n"); err != nil {
		return err
	}
	// Pages are spread over sections of about 50 pages, under the teams.
	var paths []string
	for i := range n - 1 {
		team := folders[i%len(folders)]
		section := fmt.Sprintf("teams/%s/area-%03d", team, i/(50*len(folders)))
		paths = append(paths, fmt.Sprintf("%s/page-%05d.md", section, i))
	}
	for i, p := range paths {
		var b strings.Builder
		title := fmt.Sprintf("%s %d", capitalise(pick(rng, words)), i)
		fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\nweight: %d\ntags: [%s, %s]\nexl-id: %08x-gen\n---\n\n", title, sentence(rng, 10), rng.IntN(100), pick(rng, words), pick(rng, words), rng.Uint32())
		for s := range 4 {
			fmt.Fprintf(&b, "## %s %d\n\n", capitalise(pick(rng, words)), s)
			for range 3 {
				b.WriteString(paragraph(rng, paths, p))
			}
			switch s {
			case 0:
				b.WriteString("| Role | Task | Day |\n| --- | --- | --- |\n")
				for r := range 4 {
					fmt.Fprintf(&b, "| %s | %s | %d |\n", pick(rng, roles), sentence(rng, 4), r+1)
				}
				b.WriteString("\n")
			case 1:
				b.WriteString("- [ ] Hiring manager: " + sentence(rng, 6) + "\n")
				for range 4 {
					b.WriteString("- [ ] " + sentence(rng, 7) + "\n")
				}
				b.WriteString("- [x] Buddy: " + sentence(rng, 5) + "\n\n")
			case 2:
				b.WriteString("```yaml\nteam: " + pick(rng, teams) + "\nowners:\n  - name: Anna Berg\n    chat: \"@anna\"\nrota:\n  weekdays: [mon, tue, wed]\n  hours: \"08:00-17:00\"\n```\n\n")
				if i%2 == 0 {
					b.WriteString("```go\nfunc escalate(ctx context.Context, ticket *Ticket) error {\n\tif ticket.Severity > 2 {\n\t\treturn notify(ctx, \"#incidents\", ticket.ID)\n\t}\n\treturn nil\n}\n```\n\n")
				}
			case 3:
				b.WriteString(">[!NOTE]\n>\n>" + sentence(rng, 14) + "\n\n")
			}
		}
		if err := write(p, b.String()); err != nil {
			return err
		}
	}
	return nil
}

func paragraph(rng *rand.Rand, paths []string, self string) string {
	var b strings.Builder
	for s := range 6 {
		b.WriteString(capitalise(sentence(rng, 12+rng.IntN(10))))
		if s == 2 && len(paths) > 1 {
			target := paths[rng.IntN(len(paths))]
			rel, _ := filepath.Rel(filepath.Dir(self), target)
			fmt.Fprintf(&b, " See [the related page](%s).", filepath.ToSlash(rel))
		} else {
			b.WriteString(". ")
		}
	}
	return b.String() + "\n\n"
}

func sentence(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = pick(rng, words)
	}
	return strings.Join(w, " ")
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

func capitalise(s string) string {
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
