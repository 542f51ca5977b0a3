//! The event guide's subtypes, as one type.
//!
//! Rule files name subtypes as strings; the loader turns each into a
//! [`Subtype`] of its category or refuses the file, so the mechanisms
//! compare variants, never spellings.

use super::Category;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A subtype of the event guide. Each belongs to one category
/// ([`Subtype::category`]); records write it in snake case (`ground_assault`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subtype {
    // diplomacy
    Visit,
    Talks,
    Summit,
    Call,
    Agreement,
    Relations,
    Statement,
    // sanctions
    Impose,
    Extend,
    Expand,
    Lift,
    Threaten,
    Enforce,
    // procurement
    Intent,
    Tender,
    Approval,
    Contract,
    Delivery,
    Aid,
    Production,
    // strike
    Airstrike,
    Missile,
    Drone,
    Rocket,
    Artillery,
    Bombing,
    Naval,
    GroundAssault,
    /// The bare word "strike" in the rules: the subtype comes from the
    /// weapon named nearby. Never written in a record.
    Generic,
}

impl Subtype {
    /// Every subtype, by category in the guide's order.
    pub const ALL: [Subtype; 29] = [
        Subtype::Visit,
        Subtype::Talks,
        Subtype::Summit,
        Subtype::Call,
        Subtype::Agreement,
        Subtype::Relations,
        Subtype::Statement,
        Subtype::Impose,
        Subtype::Extend,
        Subtype::Expand,
        Subtype::Lift,
        Subtype::Threaten,
        Subtype::Enforce,
        Subtype::Intent,
        Subtype::Tender,
        Subtype::Approval,
        Subtype::Contract,
        Subtype::Delivery,
        Subtype::Aid,
        Subtype::Production,
        Subtype::Airstrike,
        Subtype::Missile,
        Subtype::Drone,
        Subtype::Rocket,
        Subtype::Artillery,
        Subtype::Bombing,
        Subtype::Naval,
        Subtype::GroundAssault,
        Subtype::Generic,
    ];

    /// The category the subtype belongs to.
    pub fn category(self) -> Category {
        use Subtype::*;
        match self {
            Visit | Talks | Summit | Call | Agreement | Relations | Statement => {
                Category::Diplomacy
            }
            Impose | Extend | Expand | Lift | Threaten | Enforce => Category::Sanctions,
            Intent | Tender | Approval | Contract | Delivery | Aid | Production => {
                Category::Procurement
            }
            Airstrike | Missile | Drone | Rocket | Artillery | Bombing | Naval | GroundAssault
            | Generic => Category::Strike,
        }
    }

    /// The subtypes of `category` a rule may name, in the guide's order
    /// (strike's include [`Subtype::Generic`]).
    pub fn of(category: Category) -> impl Iterator<Item = Subtype> {
        Subtype::ALL
            .into_iter()
            .filter(move |s| s.category() == category)
    }

    /// The subtype of `category` that a rule file names `name`, if any.
    pub fn parse(category: Category, name: &str) -> Option<Subtype> {
        Subtype::of(category).find(|s| s.as_str() == name)
    }

    /// The guide's name, as written in records and rule files.
    pub fn as_str(self) -> &'static str {
        use Subtype::*;
        match self {
            Visit => "visit",
            Talks => "talks",
            Summit => "summit",
            Call => "call",
            Agreement => "agreement",
            Relations => "relations",
            Statement => "statement",
            Impose => "impose",
            Extend => "extend",
            Expand => "expand",
            Lift => "lift",
            Threaten => "threaten",
            Enforce => "enforce",
            Intent => "intent",
            Tender => "tender",
            Approval => "approval",
            Contract => "contract",
            Delivery => "delivery",
            Aid => "aid",
            Production => "production",
            Airstrike => "airstrike",
            Missile => "missile",
            Drone => "drone",
            Rocket => "rocket",
            Artillery => "artillery",
            Bombing => "bombing",
            Naval => "naval",
            GroundAssault => "ground_assault",
            Generic => "generic",
        }
    }
}

impl fmt::Display for Subtype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subtype_parses_back_in_its_own_category_only() {
        for s in Subtype::ALL {
            assert_eq!(Subtype::parse(s.category(), s.as_str()), Some(s));
            for c in Category::ALL.into_iter().filter(|&c| c != s.category()) {
                assert_eq!(Subtype::parse(c, s.as_str()), None, "{s} in {c}");
            }
        }
        assert_eq!(Subtype::parse(Category::Diplomacy, "meeting"), None);
    }

    #[test]
    fn records_write_the_guides_names() {
        let json = serde_json::to_string(&Subtype::GroundAssault).unwrap();
        assert_eq!(json, "\"ground_assault\"");
        for s in Subtype::ALL {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{s}\""));
        }
    }

    #[test]
    fn subtype_counts_per_category_match_the_guide() {
        let counts =
            Category::ALL.map(|c| Subtype::of(c).filter(|&s| s != Subtype::Generic).count());
        assert_eq!(counts, [7, 6, 7, 8]);
    }
}
