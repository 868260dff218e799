//! Signed exchange packages between copies of the app (README, 交换). A copy has an
//! identity (device id, name, key); it enrols the copies it exchanges with and the role
//! each acts with. A package carries the changes since what the other side last
//! acknowledged, as events, with the evidence files and the sender's signature; the
//! receiver checks everything, then applies each event through the same store functions as
//! a change made here, under the sender's role.

pub mod apply;
pub mod events;
pub mod labels;
pub mod package;
pub mod records;
pub mod signer;
pub mod writes;
