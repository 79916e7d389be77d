//! Reading rules files: TOML shape, variables, compilation, and merging user
//! files with the built-in set.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use nerbench_core::Label;
use regex::{Regex, RegexBuilder};
use regex_automata::hybrid::dfa::DFA;
use regex_automata::meta;
use regex_syntax::hir::Hir;
use serde::Deserialize;
use toml::Spanned;

use crate::groups::Captures;
use crate::hir::{rewrite, Groups};
use crate::scan::{lazy_dfa_of, trigger_for, Trigger};
use crate::RulesError;

/// The built-in rules, compiled into the binary.
pub(crate) const BUILTIN_RULES: &str = include_str!("../data/rules.toml");
/// Indonesian country names from CLDR, the source of the `COUNTRY` variable.
const BUILTIN_COUNTRIES: &str = include_str!("../data/countries.txt");
/// How the built-in file is named in error messages.
pub(crate) const BUILTIN_NAME: &str = "<built-in rules.toml>";

/// Room for the large alternations (all country names) some rules hold.
const REGEX_SIZE_LIMIT: usize = 64 << 20;
/// Deepest nesting of variables inside variables.
const MAX_VAR_DEPTH: usize = 16;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    vars: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    words: BTreeMap<String, Spanned<Vec<String>>>,
    alias: Option<RawAlias>,
    names: Option<RawNames>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlias {
    min_chars: Option<usize>,
    #[serde(default)]
    stopwords: Vec<String>,
    /// Words that join a second name to a person's.
    #[serde(default)]
    conjunctions: Vec<String>,
    /// Names of `[words]` lists whose entries no joined name opens with.
    #[serde(default)]
    conjunct_stop_lists: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    #[serde(default)]
    trim: Vec<String>,
    /// Words trimmed from the start of an entity only where a sentence
    /// starts there.
    #[serde(default)]
    openers: Vec<String>,
    /// Names of `[words]` lists whose entries are trimmed too.
    #[serde(default)]
    trim_lists: Vec<Spanned<String>>,
    /// Words a person's name ends before.
    #[serde(default)]
    stop: Vec<String>,
    /// Names of `[words]` lists whose entries a person's name ends before.
    #[serde(default)]
    stop_lists: Vec<Spanned<String>>,
    /// Names of `[words]` lists whose entries a person's name starts after.
    #[serde(default)]
    restart_lists: Vec<Spanned<String>>,
    /// Names of `[words]` lists whose entries every entity of a rule ends
    /// before, whatever its label.
    #[serde(default)]
    end_lists: Vec<Spanned<String>>,
    /// Words that close an epithet after a lowercase role.
    #[serde(default)]
    not_before: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    label: Spanned<String>,
    pattern: Spanned<String>,
    group: Option<Spanned<usize>>,
    priority: i32,
    exclude: Option<Spanned<String>>,
    comment: String,
}

/// What one rule is, as a user or a report sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Unique name of the rule.
    pub id: String,
    /// The label its entities take.
    pub label: Label,
    /// Higher wins when entities of two rules overlap.
    pub priority: i32,
    /// What the rule is for.
    pub comment: String,
    /// Where it was defined: `file:line`.
    pub origin: String,
}

/// A rule ready to run.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub info: RuleInfo,
    /// The pattern as a regex, for a rule without triggers, which is
    /// scanned over the whole text.
    pub scan: Option<meta::Regex>,
    /// What finds the groups of a match.
    pub captures: Captures,
    /// The pattern as a lazy DFA, for the anchored searches at triggers.
    pub forward: DFA,
    /// Where the rule can match: see [`crate::scan`].
    pub trigger: Trigger,
    /// The pattern without its capture groups: rules of equal shape have the
    /// same matches.
    pub shape: Hir,
    pub group: usize,
    pub exclude: Option<Regex>,
}

/// What the `[alias]` sections of a set of rules files configure.
#[derive(Debug, Default)]
pub(crate) struct AliasSettings {
    pub min_chars: Option<usize>,
    pub stopwords: Vec<String>,
    pub conjunctions: Vec<String>,
    /// The entries of `conjunct_stop_lists`, in the spellings rules match.
    pub conjunct_stop: Vec<String>,
}

/// Everything a set of rules files configures.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub rules: Vec<Compiled>,
    pub alias: AliasSettings,
    pub trim: Vec<String>,
    pub openers: Vec<String>,
    pub stop: Vec<String>,
    pub restart: Vec<String>,
    pub end: Vec<String>,
    pub not_before: Vec<String>,
}

/// One rules file's text and the name its errors carry.
pub(crate) struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Variables one file can see: its own first, then the built-in ones.
struct Scope<'a> {
    own: &'a HashMap<String, String>,
    builtin: &'a HashMap<String, String>,
}

impl Scope<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.own
            .get(name)
            .or_else(|| self.builtin.get(name))
            .map(String::as_str)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn line_of(text: &str, span: Range<usize>) -> usize {
    line_col(text, span.start).0
}

fn parse(source: &Source) -> Result<RawFile, RulesError> {
    toml::from_str(source.text).map_err(|e| {
        let (line, column) = e
            .span()
            .map_or((1, 1), |span| line_col(source.text, span.start));
        RulesError::Toml {
            file: source.name.to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

/// The spellings a `[words]` entry matches: as written if it holds a capital;
/// otherwise each of its words may also start with a capital ("juru bicara",
/// "Juru bicara", "juru Bicara", "Juru Bicara").
fn spellings(entry: &str) -> Vec<String> {
    if entry.chars().any(char::is_uppercase) {
        return vec![entry.to_string()];
    }
    let mut out = vec![String::new()];
    for (i, word) in entry.split(' ').enumerate() {
        let mut chars = word.chars();
        let capitalised: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        let sep = if i == 0 { "" } else { " " };
        out = out
            .iter()
            .flat_map(|prefix| {
                let mut forms = vec![format!("{prefix}{sep}{word}")];
                if capitalised != word {
                    forms.push(format!("{prefix}{sep}{capitalised}"));
                }
                forms
            })
            .collect();
    }
    out
}

/// A word list as a regex alternation of literals, longest first so that the
/// longest spelling is preferred ("Guinea Ekuatorial" before "Guinea"). Pure
/// literal alternations compile to a trie in the regex crate, which keeps
/// rules with long lists fast.
fn alternation<'w>(entries: impl IntoIterator<Item = &'w str>) -> String {
    literals(entries.into_iter().flat_map(spellings).collect())
}

/// `forms` as a regex alternation of literals, longest first.
fn literals(mut forms: Vec<String>) -> String {
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms.dedup();
    let escaped: Vec<String> = forms.iter().map(|f| regex::escape(f)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// The suffix of the variable that holds a word list's entries as written,
/// without the capitalised spellings ("{{KIN_AS_WRITTEN}}": lowercase only).
const AS_WRITTEN: &str = "_AS_WRITTEN";

/// The variables a file defines: `[vars]` as written, `[words]` as
/// alternations, each also as `NAME_AS_WRITTEN` (its entries exactly as
/// written). A name defined in both is an error.
fn file_vars(raw: &RawFile, source: &Source) -> Result<HashMap<String, String>, RulesError> {
    let mut vars: HashMap<String, String> = raw
        .vars
        .iter()
        .map(|(k, v)| (k.clone(), v.get_ref().clone()))
        .collect();
    for (name, list) in &raw.words {
        let value = alternation(list.get_ref().iter().map(String::as_str));
        let written = literals(list.get_ref().clone());
        if vars.insert(name.clone(), value).is_some()
            || vars
                .insert(format!("{name}{AS_WRITTEN}"), written)
                .is_some()
        {
            return Err(RulesError::Variable {
                file: source.name.to_string(),
                line: line_of(source.text, list.span()),
                what: format!("word list {name:?}"),
                problem: format!(
                    "a variable of that name (or {name}{AS_WRITTEN}) is already defined in [vars]"
                ),
            });
        }
    }
    Ok(vars)
}

/// Replaces every `{{NAME}}` in `pattern`, recursively.
fn expand(pattern: &str, scope: &Scope, stack: &mut Vec<String>) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after
            .find("}}")
            .ok_or_else(|| format!("unclosed variable reference {:?}", &rest[open..]))?;
        let name = &after[..close];
        let value = scope
            .get(name)
            .ok_or_else(|| format!("unknown variable {{{{{name}}}}}"))?;
        if stack.iter().any(|n| n == name) || stack.len() >= MAX_VAR_DEPTH {
            return Err(format!(
                "variables refer to each other in a cycle: {} -> {name}",
                stack.join(" -> ")
            ));
        }
        stack.push(name.to_string());
        out.push_str(&expand(value, scope, stack)?);
        stack.pop();
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// An anchored pattern for checks on a whole entity (`exclude`).
fn compile_check(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

/// What a rule's main pattern compiles to.
#[derive(Clone)]
struct Pattern {
    scan: Option<meta::Regex>,
    captures: Captures,
    forward: DFA,
    trigger: Trigger,
    shape: Hir,
}

/// A rule's main pattern: its lazy DFA, the triggers that say where it can
/// match (or a regex to scan with), and its capture engines.
fn compile_rule_pattern(pattern: &str) -> Result<Pattern, String> {
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let trigger = trigger_for(&hir);
    let scan = match trigger {
        Trigger::Scan => Some(
            meta::Builder::new()
                .configure(meta::Config::new().nfa_size_limit(Some(REGEX_SIZE_LIMIT)))
                .build_from_hir(&hir)
                .map_err(|e| e.to_string())?,
        ),
        _ => None,
    };
    let captures = Captures::new(&hir, REGEX_SIZE_LIMIT)?;
    // The forward search runs on the capture engines' automaton: compiling
    // the pattern's Unicode classes is most of the cost of loading rules, and
    // the DFA only passes through the group states.
    let forward =
        lazy_dfa_of(captures.nfa().clone()).ok_or("the pattern is too large for a lazy DFA")?;
    Ok(Pattern {
        scan,
        captures,
        forward,
        trigger,
        shape: without_groups(&hir),
    })
}

/// `hir` with each capture group replaced by its contents.
fn without_groups(hir: &Hir) -> Hir {
    rewrite(hir, Groups::Drop, &mut |_| None)
}

/// Compiled patterns by their expanded text, so that rules with the same
/// pattern (a pair that differ in the group they take) or the same `exclude`
/// (large, built from word lists) compile it once.
#[derive(Default)]
struct Compilations {
    patterns: HashMap<String, Pattern>,
    excludes: HashMap<String, Regex>,
}

fn compile_rule(
    raw: RawRule,
    source: &Source,
    scope: &Scope,
    compilations: &mut Compilations,
) -> Result<Compiled, RulesError> {
    let id = raw.id.get_ref().clone();
    let file = || source.name.to_string();
    let line = |span: Range<usize>| line_of(source.text, span);
    let label = match raw.label.get_ref().parse::<Label>() {
        Ok(label) if label.is_standard() => label,
        _ => {
            return Err(RulesError::Label {
                file: file(),
                line: line(raw.label.span()),
                id,
                label: raw.label.into_inner(),
            })
        }
    };
    // Each pattern with its variables expanded, and a way to report a
    // pattern that does not compile against its line.
    let expand_at = |spanned: &Spanned<String>| {
        let line = line(spanned.span());
        expand(spanned.get_ref(), scope, &mut Vec::new())
            .map(|expanded| (expanded, line))
            .map_err(|problem| RulesError::Variable {
                file: file(),
                line,
                what: format!("rule {id:?}"),
                problem,
            })
    };
    let bad_pattern = |line: usize| {
        let id = id.clone();
        move |message: String| RulesError::Pattern {
            file: file(),
            line,
            id,
            message,
        }
    };
    let (pattern, pattern_line) = expand_at(&raw.pattern)?;
    let Pattern {
        scan,
        captures,
        forward,
        trigger,
        shape,
    } = match compilations.patterns.entry(pattern) {
        Entry::Occupied(known) => known.get().clone(),
        Entry::Vacant(new) => {
            let compiled = compile_rule_pattern(new.key()).map_err(bad_pattern(pattern_line))?;
            new.insert(compiled).clone()
        }
    };
    let exclude = match &raw.exclude {
        Some(spanned) => {
            let (pattern, line) = expand_at(spanned)?;
            Some(match compilations.excludes.entry(pattern) {
                Entry::Occupied(known) => known.get().clone(),
                Entry::Vacant(new) => {
                    let regex = compile_check(new.key()).map_err(bad_pattern(line))?;
                    new.insert(regex).clone()
                }
            })
        }
        None => None,
    };
    let group = raw.group.as_ref().map_or(0, |g| *g.get_ref());
    let max = captures.group_len() - 1;
    if group > max {
        return Err(RulesError::Group {
            file: file(),
            line: line(raw.group.map_or(raw.pattern.span(), |g| g.span())),
            id,
            group,
            max,
        });
    }
    Ok(Compiled {
        info: RuleInfo {
            origin: format!("{}:{}", source.name, line(raw.id.span())),
            id,
            label,
            priority: raw.priority,
            comment: raw.comment,
        },
        scan,
        captures,
        forward,
        trigger,
        shape,
        group,
        exclude,
    })
}

/// Loads the built-in rules (unless `replace`) and then each user file in
/// order. A user rule whose id is already defined replaces that rule in place;
/// `[alias]` stop words and `[names]` trim and stop words add up, a later `min_chars`
/// wins. Built-in variables stay available to user files even with `replace`.
pub(crate) fn load(user: &[Source], replace: bool) -> Result<Loaded, RulesError> {
    if replace && user.is_empty() {
        return Err(RulesError::NoRules);
    }
    let builtin_source = Source {
        name: BUILTIN_NAME,
        text: BUILTIN_RULES,
    };
    let builtin = parse(&builtin_source)?;
    let mut builtin_vars = file_vars(&builtin, &builtin_source)?;
    builtin_vars.insert("COUNTRY".to_string(), alternation(builtin_countries()));
    let builtin_words = builtin.words.clone();

    let mut loaded = Loaded::default();
    let mut compilations = Compilations::default();
    let mut files = Vec::new();
    if !replace {
        files.push((builtin_source, builtin));
    }
    for source in user {
        let raw = parse(source)?;
        files.push((
            Source {
                name: source.name,
                text: source.text,
            },
            raw,
        ));
    }
    for (source, raw) in files {
        let own = file_vars(&raw, &source)?;
        let scope = Scope {
            own: &own,
            builtin: &builtin_vars,
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for rule in raw.rule {
            let line = line_of(source.text, rule.id.span());
            if let Some(&first) = seen.get(rule.id.get_ref()) {
                return Err(RulesError::DuplicateId {
                    file: source.name.to_string(),
                    line,
                    id: rule.id.into_inner(),
                    first,
                });
            }
            seen.insert(rule.id.get_ref().clone(), line);
            let compiled = compile_rule(rule, &source, &scope, &mut compilations)?;
            match loaded
                .rules
                .iter_mut()
                .find(|r| r.info.id == compiled.info.id)
            {
                Some(earlier) => *earlier = compiled,
                None => loaded.rules.push(compiled),
            }
        }
        // The entries of the `[words]` lists a setting names, in the
        // spellings the rules match.
        let entries = |lists: &[Spanned<String>], setting: &str| {
            list_entries(lists, &[&raw.words, &builtin_words]).map_err(|(list, name)| {
                RulesError::Variable {
                    file: source.name.to_string(),
                    line: line_of(source.text, list.span()),
                    what: setting.to_string(),
                    problem: format!("no [words] list named {name:?}"),
                }
            })
        };
        if let Some(alias) = &raw.alias {
            let settings = &mut loaded.alias;
            settings.min_chars = alias.min_chars.or(settings.min_chars);
            settings.stopwords.extend(alias.stopwords.iter().cloned());
            settings
                .conjunctions
                .extend(alias.conjunctions.iter().cloned());
            let stop = entries(&alias.conjunct_stop_lists, "[alias] conjunct_stop_lists")?;
            settings.conjunct_stop.extend(stop);
        }
        if let Some(names) = &raw.names {
            loaded.trim.extend(names.trim.iter().cloned());
            loaded.openers.extend(names.openers.iter().cloned());
            loaded.stop.extend(names.stop.iter().cloned());
            loaded.not_before.extend(names.not_before.iter().cloned());
            loaded
                .trim
                .extend(entries(&names.trim_lists, "[names] trim_lists")?);
            loaded
                .stop
                .extend(entries(&names.stop_lists, "[names] stop_lists")?);
            loaded
                .restart
                .extend(entries(&names.restart_lists, "[names] restart_lists")?);
            loaded
                .end
                .extend(entries(&names.end_lists, "[names] end_lists")?);
        }
    }
    Ok(loaded)
}

/// The country names of `data/countries.txt`, the variable COUNTRY.
fn builtin_countries() -> impl Iterator<Item = &'static str> {
    BUILTIN_COUNTRIES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The entries of the `[words]` lists named in `lists`, each looked up in
/// the first of `words` that has it, in the spellings the rules match (the
/// name COUNTRY stands for the built-in country names); or the first name
/// no `words` has, and where it was named.
fn list_entries<'a>(
    lists: &'a [Spanned<String>],
    words: &[&BTreeMap<String, Spanned<Vec<String>>>],
) -> Result<Vec<String>, (&'a Spanned<String>, &'a str)> {
    let mut out = Vec::new();
    for list in lists {
        let name = list.get_ref();
        if name == "COUNTRY" {
            out.extend(builtin_countries().map(str::to_string));
            continue;
        }
        let entries = words
            .iter()
            .find_map(|w| w.get(name))
            .ok_or((list, name.as_str()))?;
        out.extend(entries.get_ref().iter().flat_map(|entry| spellings(entry)));
    }
    Ok(out)
}

/// The `[alias]` section of the built-in file alone.
pub(crate) fn builtin_alias() -> AliasSettings {
    let raw = parse(&Source {
        name: BUILTIN_NAME,
        text: BUILTIN_RULES,
    })
    .expect("the built-in rules file is valid TOML (tested)");
    let Some(alias) = raw.alias else {
        return AliasSettings::default();
    };
    AliasSettings {
        conjunct_stop: list_entries(&alias.conjunct_stop_lists, &[&raw.words])
            .expect("the built-in [alias] names built-in lists (tested)"),
        min_chars: alias.min_chars,
        stopwords: alias.stopwords,
        conjunctions: alias.conjunctions,
    }
}
