//! Every word the CLI's help offers is accepted by the command it
//! documents. The test reads the help as a person would (`--help` of every
//! command, down the tree), collects each option that lists its possible
//! values, and then uses every one of those values, on a training
//! database, in the command the help belongs to: none may be refused.
//! An option that lists values but that this test does not know how to
//! try fails the test, so a new vocabulary cannot go untried.

mod common;

use common::{redress, Redress};

/// One option whose help lists the values it takes.
#[derive(Debug)]
struct Offered {
    /// The command's words, such as `["case", "new"]`.
    command: Vec<String>,
    /// The option as the help names it: `--channel`, or `<KEY>` for an
    /// argument.
    option: String,
    /// The values listed.
    values: Vec<String>,
}

fn help_of(command: &[String]) -> String {
    let output = redress()
        .args(command)
        .arg("--help")
        .output()
        .expect("redress runs");
    assert!(output.status.success(), "{command:?} --help failed");
    String::from_utf8(output.stdout).expect("UTF-8 help")
}

/// The subcommands a help lists under "Commands:".
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// The options of one command's help with their "Possible values:" lists.
fn offered_in(command: &[String], help: &str, found: &mut Vec<Offered>) {
    let mut current: Option<String> = None;
    let mut lines = help.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 6 && (trimmed.starts_with('-') || trimmed.starts_with('<')) {
            current = trimmed
                .split_whitespace()
                .find(|w| w.starts_with("--") || w.starts_with('<'))
                .map(|w| w.trim_end_matches(',').to_owned());
        } else if trimmed == "Possible values:" {
            let mut values = Vec::new();
            while let Some(next) = lines.peek() {
                let Some(item) = next.trim_start().strip_prefix("- ") else {
                    break;
                };
                let value = item.split(':').next().unwrap_or(item).trim();
                values.push(value.to_owned());
                lines.next();
            }
            let option = current
                .clone()
                .expect("possible values belong to an option");
            found.push(Offered {
                command: command.to_vec(),
                option,
                values,
            });
        }
    }
}

/// Every option in the whole tree that lists its values.
fn every_offer() -> Vec<Offered> {
    let mut found = Vec::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(command) = queue.pop() {
        let help = help_of(&command);
        offered_in(&command, &help, &mut found);
        for sub in subcommands(&help) {
            let mut next = command.clone();
            next.push(sub);
            queue.push(next);
        }
    }
    found
}

/// A training database with officers, areas and a category.
fn council() -> Redress {
    Redress::new().with_officers()
}

/// A new complaint's options, with `extra` after them.
fn new_case(extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--name",
        "Siân Jones",
        "--email",
        "sian@example.org",
        "--service-area",
        "Waste and Recycling",
        "--summary",
        "Bins missed",
    ];
    args.extend_from_slice(extra);
    args.into_iter().map(str::to_owned).collect()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}

/// A complaint acknowledged at stage 1.
fn acknowledged(r: &Redress) -> String {
    let case = r.bins_complaint();
    r.ok(&["case", "ack", &case, "--on", "2026-11-03"]);
    case
}

/// Uses `value` for `option` in `command` on the council `r`; the
/// command must succeed. Returns false when this test does not know the
/// option.
fn try_value(r: &Redress, command: &[String], option: &str, value: &str) -> bool {
    let command: Vec<&str> = command.iter().map(String::as_str).collect();
    let args: Vec<String> = match (command.as_slice(), option) {
        (["case", "new"], "--exclusion-reason") => new_case(&[
            "--triage",
            "excluded",
            "--exclusion-reason",
            value,
            "--triage-note",
            "Told where to go",
        ]),
        (["case", "new"], "--triage") => {
            let mut extra = vec!["--triage", value, "--triage-note", "Told"];
            if value == "excluded" {
                extra.extend(["--exclusion-reason", "out-of-time"]);
            }
            new_case(&extra)
        }
        (["case", "new"], option) => new_case(&[option, value]),
        (["case", "respond"], "--outcome") => {
            let case = acknowledged(r);
            strings(&[
                "case",
                "respond",
                &case,
                "--outcome",
                value,
                "--reasons",
                "Looked into",
            ])
        }
        (["case", "respond"], "--remedy") => {
            let case = acknowledged(r);
            strings(&[
                "case",
                "respond",
                &case,
                "--outcome",
                "upheld",
                "--reasons",
                "Looked into",
                "--remedy",
                value,
                "--amount",
                "£25",
            ])
            .into_iter()
            // Only a financial remedy takes an amount.
            .take(if value == "financial" { 11 } else { 9 })
            .collect()
        }
        (["case", "refer"], "--ombudsman") => {
            let case = r.answered_at_the_last_stage();
            strings(&[
                "case",
                "refer",
                &case,
                "--ombudsman",
                value,
                "--their-reference",
                "26 001 234",
            ])
        }
        (["case", "contact"], "--method") => {
            let case = r.bins_complaint();
            strings(&[
                "case",
                "contact",
                &case,
                "--method",
                value,
                "--summary",
                "Spoke about the bins",
            ])
        }
        (["person", "edit"], option) => {
            r.bins_complaint();
            strings(&["person", "edit", "sian@example.org", option, value])
        }
        (["officer", "add"], "--role") => {
            let name = format!("Officer {value}");
            strings(&["officer", "add", &name, "--role", value])
        }
        (["officer", "edit"], "--role") => {
            strings(&["officer", "edit", "Beth Morgan", "--role", value])
        }
        (["service-area", "ombudsman"], "<OMBUDSMAN>") => {
            strings(&["service-area", "ombudsman", "Housing", value])
        }
        (["template", "show"], "--language") => {
            strings(&["template", "show", "acknowledgement", "--language", value])
        }
        (["template", "export"], "--language") => {
            let out = r.db().with_file_name("template.md");
            let out = out.to_str().expect("UTF-8 path").to_owned();
            strings(&[
                "template",
                "export",
                "acknowledgement",
                "--out",
                &out,
                "--language",
                value,
            ])
        }
        (["template", "import"], "--language") => {
            let file = r.db().with_file_name("template.md");
            let path = file.to_str().expect("UTF-8 path").to_owned();
            r.ok(&["template", "export", "acknowledgement", "--out", &path]);
            strings(&[
                "template",
                "import",
                "acknowledgement",
                &path,
                "--language",
                value,
            ])
        }
        (["workdays", "add"], "--nation") => {
            strings(&["workdays", "add", "2026-12-24", "1", "--nation", value])
        }
        (["workdays", "count"], "--nation") => strings(&[
            "workdays",
            "count",
            "2026-12-24",
            "2027-01-04",
            "--nation",
            value,
        ]),
        (["deadlines"], "--nation") => {
            strings(&["deadlines", "--received", "2026-12-24", "--nation", value])
        }
        (["settings", "set"], "<KEY>") => {
            let key = redress::settings::setting_key(value)
                .unwrap_or_else(|err| panic!("the help offers {value}: {err}"));
            let example = if key.name == redress::settings::POLICY_KEY {
                let file = r.db().with_file_name("policy.toml");
                std::fs::write(
                    &file,
                    "[[stage]]\nacknowledge_days = 5\nresponse_days = 10\nresponse_from = \"acknowledgement\"\nextension_limit_days = 10\n",
                )
                .expect("policy written");
                file.to_str().expect("UTF-8 path").to_owned()
            } else {
                key.example.to_owned()
            };
            strings(&["settings", "set", value, &example])
        }
        _ => return false,
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    r.ok(&args);
    true
}

#[test]
fn every_word_the_help_offers_is_accepted_by_its_command() {
    if common::skipped_under_wine(
        "the help is the same on every system, and walking it under Wine takes many minutes",
    ) {
        return;
    }
    let offers = every_offer();
    assert!(
        offers.iter().any(|o| o.option == "--exclusion-reason"),
        "the help offers the exclusion reasons: {offers:#?}"
    );
    let mut untried = Vec::new();
    for offer in &offers {
        let r = council();
        for value in &offer.values {
            if !try_value(&r, &offer.command, &offer.option, value) {
                untried.push(format!("{} {}", offer.command.join(" "), offer.option));
                break;
            }
        }
    }
    assert!(
        untried.is_empty(),
        "these options list values this test does not try: {untried:#?}"
    );
}

#[test]
fn every_setting_the_cli_accepts_is_in_its_help() {
    let help = help_of(&strings(&["settings", "set"]));
    for key in redress::settings::SETTING_KEYS {
        assert!(
            help.contains(&format!("- {}:", key.name)),
            "settings set --help lacks {}",
            key.name
        );
    }
    // A key not in the help is refused, naming the keys there are.
    let r = Redress::new();
    let refused = r.refused(&["settings", "set", "colour", "red"]);
    assert!(refused.contains("document-limit-mb"), "{refused}");
}
