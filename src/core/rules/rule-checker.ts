import { Annotations, IAspect } from "cdktf";
import { IConstruct } from "constructs";
import { ConfigError } from "../config-error";
import { isInstanceOf } from "../construct-kinds";
import { Issue } from "../schema";
import { ConstructClass, Rule, RuleLevel } from "./rule";
import { RulePack } from "./rule-pack";
import { RuleSuppressions } from "./rule-suppressions";

/** What most constructs evaluate to, shared. */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** One rule firing on one construct. */
export interface Finding {
  readonly ruleId: string;
  readonly level: RuleLevel;
  /** The construct's path, e.g. `global/traffic`. */
  readonly path: string;
  readonly message: string;
  /** Set when a suppression switched the finding off. */
  readonly suppressedBecause?: string;
}

/** `[KHA-HA-001] <message> Fix: <fix>` */
export function formatFinding(finding: Finding, pack?: RulePack): string {
  const fix = pack?.get(finding.ruleId)?.fix;
  return `[${finding.ruleId}] ${finding.message}${fix ? ` Fix: ${fix}` : ""}`;
}

/**
 * Runs a rule pack over the construct tree, as an Aspect (`Aspects.of(stack).add(checker)`: findings
 * become cdktf annotations; an error annotation stops `app.synth()`) or up front with `check(root)`,
 * which returns every finding of every stack at once so an app can print them all and exit before
 * writing anything. Each construct is evaluated once per checker, whichever way comes first.
 */
export class RuleChecker implements IAspect {
  private readonly evaluated = new Map<IConstruct, readonly Finding[]>();
  private readonly annotated = new Set<IConstruct>();
  /** Rules without targets: asked about every construct. */
  private readonly everywhere: Rule[] = [];
  private readonly byClass: { readonly cls: ConstructClass; readonly rule: Rule }[] = [];
  private readonly byTerraformType = new Map<string, Rule[]>();
  /** The rules to ask, by a construct's prototype and Terraform type ("" for none). */
  private readonly candidatesOf = new Map<object, Map<string, readonly Rule[]>>();

  constructor(readonly pack: RulePack) {
    for (const rule of pack.rules) {
      if (!rule.targets) {
        this.everywhere.push(rule);
        continue;
      }
      for (const cls of rule.targets.classes ?? []) this.byClass.push({ cls, rule });
      for (const type of rule.targets.terraformTypes ?? []) {
        const rules = this.byTerraformType.get(type);
        if (rules) rules.push(rule);
        else this.byTerraformType.set(type, [rule]);
      }
    }
  }

  /** Aspect entry point: evaluates `node` and records its findings as annotations. */
  visit(node: IConstruct): void {
    if (this.annotated.has(node)) return;
    this.annotated.add(node);
    for (const finding of this.evaluate(node)) {
      const text = formatFinding(finding, this.pack);
      if (finding.suppressedBecause !== undefined) Annotations.of(node).addInfo(`${text} (suppressed: ${finding.suppressedBecause})`);
      else if (finding.level === "error") Annotations.of(node).addError(text);
      else Annotations.of(node).addWarning(text);
    }
  }

  /** Every finding under `root` (the app, a stack or any construct), suppressed ones included. */
  check(root: IConstruct): Finding[] {
    return root.node.findAll().flatMap((node) => this.evaluate(node));
  }

  /**
   * Checks `root` and throws one ConfigError listing every unsuppressed error (one line each);
   * returns the unsuppressed warnings for the caller to print.
   */
  assertCompliant(root: IConstruct): Finding[] {
    const findings = this.check(root).filter((f) => f.suppressedBecause === undefined);
    const errors = findings.filter((f) => f.level === "error");
    if (errors.length) throw this.errorFor(errors);
    return findings.filter((f) => f.level === "warning");
  }

  /** A ConfigError with one line per finding: `topology rules: <path>: [ID] <message> Fix: <fix>`. */
  errorFor(findings: readonly Finding[]): ConfigError {
    const issues: Issue[] = findings.map((f) => ({ path: f.path, message: formatFinding(f, this.pack) }));
    return new ConfigError(issues, "topology rules");
  }

  private evaluate(node: IConstruct): readonly Finding[] {
    const cached = this.evaluated.get(node);
    if (cached) return cached;
    // Most constructs have no finding: their path (a join over every scope) is not built for them.
    let findings: Finding[] | undefined;
    const add = (finding: Omit<Finding, "path">) => (findings ??= []).push({ ...finding, path: node.node.path });
    for (const suppression of RuleSuppressions.of(node)) {
      if (!this.pack.has(suppression.id) && !suppression.ignoredOutsidePack) {
        add({
          ruleId: suppression.id,
          level: "error",
          message: `suppresses ${suppression.id}, which is not a rule of pack ${this.pack.name} (rules: ${this.pack.ids.join(", ")})`,
        });
      }
    }
    for (const rule of this.candidates(node)) {
      if (!rule.appliesTo(node)) continue;
      for (const message of rule.check(node)) {
        const suppression = RuleSuppressions.find(node, rule.id);
        add({ ruleId: rule.id, level: rule.level, message, suppressedBecause: suppression?.reason });
      }
    }
    const result = findings ?? NO_FINDINGS;
    this.evaluated.set(node, result);
    return result;
  }

  /**
   * The rules whose targets include `node`, in the pack's order. What decides it is the node's
   * prototype chain (`instanceof`) and its Terraform type, so the answer is kept per pair.
   */
  private candidates(node: IConstruct): readonly Rule[] {
    const prototype = Object.getPrototypeOf(node) as object;
    const declared = (node as { readonly terraformResourceType?: unknown }).terraformResourceType;
    const type = typeof declared === "string" ? declared : "";
    let byType = this.candidatesOf.get(prototype);
    if (!byType) this.candidatesOf.set(prototype, (byType = new Map()));
    let rules = byType.get(type);
    if (!rules) {
      const selected = new Set<Rule>([...this.everywhere, ...(this.byTerraformType.get(type) ?? [])]);
      for (const { cls, rule } of this.byClass) if (isInstanceOf(node, cls)) selected.add(rule);
      rules = this.pack.rules.filter((rule) => selected.has(rule));
      byType.set(type, rules);
    }
    return rules;
  }
}
