//! Frames: what a trigger needs around it before it counts, named on the
//! rule (`frame = "..."`) rather than by the rule's id in Rust, so an analyst
//! can give a mechanism to another rule of the same category.
//!
//! Each frame is one named check in `classify`; the rule file decides which
//! triggers it applies to. A frame belongs to one category and is refused on
//! a trigger of another.

use crate::model::Category;

/// A trigger's frame (see `config/README.md`, "Frames").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    /// Diplomacy: a departure verb is an expulsion only with an envoy told
    /// to leave ("gave Belgian diplomats 48 hours to leave").
    EnvoyDeparture,
    /// Diplomacy: a signing verb is an agreement only with an agreement
    /// noun as its object ("signed a defence pact").
    AgreementObject,
    /// Diplomacy: a verb that also names and judges ("called"): a call
    /// only with a guest as object and no naming word after it ("called
    /// Putin a liar" names); with a reported act as object ("called the
    /// decision unjust"), a statement.
    CallingVerb,
    /// Procurement: a delivery verb ("are expected") counts only for the
    /// rest of an order reported before ("the remaining four").
    FollowUpDelivery,
    /// Procurement: an approval whose object is an order reported before
    /// ("cleared the purchase") counts only after that order, in a sentence
    /// without military goods of its own.
    FollowUpApproval,
    /// Procurement: an approving or signing verb ("approved", "signed")
    /// counts only with a word of `procurement.deal_nouns` in its object
    /// ("approved the $2 billion sale of", "signed a $10 billion deal").
    DealObject,
    /// Sanctions: a trade or supply cut-off is a measure only when aimed at
    /// a foreign state ("cut off exports to Sudan").
    ForeignTarget,
    /// Sanctions: a freeze or revocation verb is a measure only with an
    /// object of lexicon `sanctions.frame_objects` right after it ("froze
    /// the assets of"), and not when it details a measure just reported.
    MeasureObject,
    /// Sanctions: a travel phrase ("from entering", "from travelling to")
    /// is an entry ban only with a state or bloc named right after it and a
    /// person or party barred before it ("barred two officials from
    /// entering the United States"), not a stadium or a square.
    EntryState,
}

impl Frame {
    /// Every frame, in declaration order.
    pub const ALL: [Frame; 9] = [
        Frame::EnvoyDeparture,
        Frame::AgreementObject,
        Frame::CallingVerb,
        Frame::FollowUpDelivery,
        Frame::FollowUpApproval,
        Frame::DealObject,
        Frame::ForeignTarget,
        Frame::MeasureObject,
        Frame::EntryState,
    ];

    /// The name written in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Frame::EnvoyDeparture => "envoy_departure",
            Frame::AgreementObject => "agreement_object",
            Frame::CallingVerb => "calling_verb",
            Frame::FollowUpDelivery => "follow_up_delivery",
            Frame::FollowUpApproval => "follow_up_approval",
            Frame::DealObject => "deal_object",
            Frame::ForeignTarget => "foreign_target",
            Frame::MeasureObject => "measure_object",
            Frame::EntryState => "entry_state",
        }
    }

    /// The category whose triggers may carry it.
    pub fn category(self) -> Category {
        match self {
            Frame::EnvoyDeparture | Frame::AgreementObject | Frame::CallingVerb => {
                Category::Diplomacy
            }
            Frame::FollowUpDelivery | Frame::FollowUpApproval | Frame::DealObject => {
                Category::Procurement
            }
            Frame::ForeignTarget | Frame::MeasureObject | Frame::EntryState => Category::Sanctions,
        }
    }

    /// The frame of `category` named `name`, if there is one.
    pub fn parse(category: Category, name: &str) -> Option<Frame> {
        Frame::ALL
            .into_iter()
            .find(|f| f.category() == category && f.as_str() == name)
    }

    /// The frames a trigger of `category` may carry.
    pub fn of(category: Category) -> impl Iterator<Item = Frame> {
        Frame::ALL
            .into_iter()
            .filter(move |f| f.category() == category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_within_their_category() {
        for f in Frame::ALL {
            assert_eq!(Frame::parse(f.category(), f.as_str()), Some(f));
        }
    }

    #[test]
    fn a_frame_of_another_category_is_refused() {
        assert_eq!(Frame::parse(Category::Strike, "measure_object"), None);
        assert_eq!(Frame::parse(Category::Sanctions, "envoy_departure"), None);
        assert_eq!(Frame::parse(Category::Diplomacy, "no_such_frame"), None);
    }

    #[test]
    fn every_category_lists_only_its_own_frames() {
        assert_eq!(Frame::of(Category::Diplomacy).count(), 3);
        assert_eq!(Frame::of(Category::Strike).count(), 0);
        assert!(Frame::of(Category::Sanctions).all(|f| f.category() == Category::Sanctions));
    }
}
