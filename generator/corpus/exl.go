package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// GenerateExL writes an Experience League style repository of n pages under
// dir: playbook.toml with contentDir "help" and TOC navigation, guides with
// a TOC.md each, includes, snippets, inline tags, tabs and root-relative
// links, in Swedish and English.
func GenerateExL(dir string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, uint64(n)))
	write := func(rel, text string) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(text), 0o644)
	}
	if err := write("playbook.toml", "title = \"Generated ExL guides\"\ncontentDir = \"help\"\nnavigation = \"toc\"\n"); err != nil {
		return err
	}
	if err := write("help/_includes/snippets.md", "# Snippets\n\n## Lagerregel {#lager-regel}\n\n>[!NOTE]\n>\n>Räkna lagret varje kvartal.\n\n## Support {#support}\n\nKontakta [!DNL Nordvik Support] via chatten.\n"); err != nil {
		return err
	}
	if err := write("help/_includes/shipping.md", "### Leveranser\n\n| Land | Dagar |\n|---|---|\n| Sverige | 1–2 |\n| Norge | 2–4 |\n{style=\"table-layout:auto\"}\n"); err != nil {
		return err
	}
	const perGuide = 50
	guides := (n + perGuide - 1) / perGuide
	for g := range guides {
		var toc strings.Builder
		fmt.Fprintf(&toc, "---\nuser-guide-title: Guide %d\n---\n# Guide %d {#guide-%d}\n\n", g, g, g)
		for i := g * perGuide; i < min(n, (g+1)*perGuide); i++ {
			name := fmt.Sprintf("page-%04d.md", i)
			if i%10 == 0 {
				fmt.Fprintf(&toc, "+ Avsnitt %d {#section-%d}\n", i/10, i)
			}
			fmt.Fprintf(&toc, "  + [Sida %d](%s) {#p-%d}\n", i, name, i)
			if err := write(fmt.Sprintf("help/guide-%02d/%s", g, name), exlPage(rng, g, i, n)); err != nil {
				return err
			}
		}
		if err := write(fmt.Sprintf("help/guide-%02d/TOC.md", g), toc.String()); err != nil {
			return err
		}
	}
	return nil
}

func exlPage(rng *rand.Rand, g, i, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Sida %d\ndescription: %s\nexl-id: %08x-0000-4000-8000-%012d\nfeature: Products, Categories\nRole: Admin\nsource-wordcount: '%d'\nht-degree: 0%%\n\n---\n# Sida %d\n\n", i, sentence(rng, 8), rng.Uint32(), i, 300+rng.IntN(900), i)
	fmt.Fprintf(&b, "Öppna [!UICONTROL Inställningar > Lager] i [!DNL Adobe Commerce] och läs [[!DNL RabbitMQ]](https://www.rabbitmq.com/). %s.\n\n", capitalise(sentence(rng, 20)))
	other := rng.IntN(n)
	fmt.Fprintf(&b, "Se även [sida %d](/help/guide-%02d/page-%04d.md) [!BADGE Beta]{type=Informative tooltip=\"Ny\"}.\n\n", other, other/50, other)
	b.WriteString(">[!PREREQUISITES]\n>\n>" + sentence(rng, 12) + "\n\n")
	for s := range 3 {
		fmt.Fprintf(&b, "## Steg %d\n\n1. %s {#steg-%d}\n1. %s\n\n   >[!TIP]\n   >\n   >%s\n\n", s, capitalise(sentence(rng, 8)), s, capitalise(sentence(rng, 8)), sentence(rng, 10))
	}
	b.WriteString("{{$include /help/_includes/shipping.md}}\n\n{{lager-regel}}\n\n")
	b.WriteString(">[!BEGINTABS]\n\n>[!TAB Sverige]\n\n" + sentence(rng, 10) + "\n\n>[!TAB Norge]\n\n" + sentence(rng, 10) + "\n\n>[!ENDTABS]\n\n")
	b.WriteString("![Skärmbild](https://example.com/shot.png){width=\"600\"}\n")
	_ = g
	return b.String()
}
