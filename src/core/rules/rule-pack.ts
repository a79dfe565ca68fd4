import { Rule, RuleInfo } from "./rule";

/**
 * A named set of rules with unique IDs: what a RuleChecker runs and what docs/RULES.md lists. The HA
 * rules (src/ha/rules) and the security rules join one pack (`DEFAULT_RULE_PACK`).
 */
export class RulePack {
  readonly rules: readonly Rule[];
  private readonly byId = new Map<string, Rule>();

  constructor(
    readonly name: string,
    rules: readonly Rule[],
  ) {
    for (const rule of rules) {
      if (this.byId.has(rule.id)) throw new Error(`rule pack ${name}: rule ID ${rule.id} is defined twice`);
      this.byId.set(rule.id, rule);
    }
    // Code-unit order, not localeCompare: the first localeCompare of a process loads ICU's collation
    // data, ~0.1 s of every synth (docs/PERFORMANCE.md).
    this.rules = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The rule IDs, sorted. */
  get ids(): string[] {
    return this.rules.map((rule) => rule.id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  /** A new pack with these rules added (IDs must stay unique). */
  with(name: string, rules: readonly Rule[]): RulePack {
    return new RulePack(name, [...this.rules, ...rules]);
  }

  /** The rules' documentation, without the check functions. */
  describe(): RuleInfo[] {
    return this.rules.map(({ id, name, level, cause, explanation, fix }) => ({ id, name, level, cause, explanation, fix }));
  }

  /**
   * Markdown for docs/RULES.md: how rules and suppressions work, a summary table, then one section
   * per rule. `generatedBy` names the command that writes the file.
   */
  toMarkdown(generatedBy?: string): string {
    const cell = (text: string) => text.replace(/\|/g, "\\|");
    const areas = [...new Set(this.rules.map((r) => r.id.split("-")[1]))];
    const lines = [
      `# Rules: ${this.name}`,
      "",
      `Generated from the rule pack${generatedBy ? ` by \`${generatedBy}\`` : ""}; do not edit by hand.`,
      "",
      "Each rule has a stable ID (suppressions name it, so an ID is never renumbered or reused), a level",
      "and a one-line cause. `error` stops synth before anything is written, one line per finding with the",
      "construct path, `[ID] <message> Fix: <fix>`; `warning` is printed and synth goes on. Suppress a rule",
      "on a construct and everything under it with `RuleSuppressions.add(scope, { id, reason })`, or for a",
      "whole estate in the topology file (`rules: { suppress: [{ id, reason }] }`); a reason of at least one",
      "sentence is required, and a suppression that names no rule of the pack is itself an error. Constructs",
      "given `protect: false` record that opt-out as a suppression of the destroy-protection rules.",
      "",
      "| ID | level | name | cause |",
      "|---|---|---|---|",
      ...this.rules.map((r) => `| [${r.id}](#${anchorOf(r)}) | ${r.level} | ${r.name} | ${cell(r.cause)} |`),
      "",
    ];
    for (const area of areas) {
      lines.push(`## ${AREA_TITLES[area] ?? `KHA-${area}`}`, "");
      for (const r of this.rules.filter((rule) => rule.id.split("-")[1] === area)) {
        lines.push(`### ${r.id} ${r.name}`, "", `**${r.level}**: ${r.cause}`, "", r.explanation.trim(), "", `**Fix:** ${r.fix.trim()}`, "");
      }
    }
    return lines.join("\n");
  }
}

/** Section titles of the rule areas (the `<area>` of KHA-<area>-<nnn>). */
const AREA_TITLES: { readonly [area: string]: string } = {
  HA: "High availability (KHA-HA-*)",
  SEC: "Security (KHA-SEC-*)",
};

/** The GitHub heading anchor of a rule's section, `### KHA-HA-001 sites-share-region`. */
function anchorOf(rule: RuleInfo): string {
  return `${rule.id} ${rule.name}`
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");
}
