//! Signing packages, behind a trait: a copy signs with ed25519 today; where a unit requires
//! 国密, an SM2/SM3 signer implements [`Signer`] and registers its algorithm name in
//! [`verify`], and packages name the algorithm they were signed with.

use ed25519_dalek::{Signature, SigningKey, VerifyingKey};

use crate::{Error, Result};

/// The algorithm names packages and identities carry.
pub const ED25519: &str = "ed25519";

/// What signs a package on this copy.
pub trait Signer {
    /// The algorithm's name, as written in identities and packages.
    fn algorithm(&self) -> &'static str;
    /// The public key, as given to other copies in the identity file.
    fn public_key(&self) -> Vec<u8>;
    fn sign(&self, message: &[u8]) -> Vec<u8>;
}

/// An ed25519 key.
pub struct Ed25519(SigningKey);

impl Ed25519 {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<Ed25519> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| Error::Refused(format!("无法从操作系统取得随机数来生成密钥：{e}")))?;
        Ok(Ed25519(SigningKey::from_bytes(&seed)))
    }

    /// The key stored as its 32-byte secret.
    pub fn from_secret(secret: &[u8]) -> Result<Ed25519> {
        let seed: [u8; 32] = secret
            .try_into()
            .map_err(|_| Error::Refused("本机的交换密钥已损坏（长度不对）".into()))?;
        Ok(Ed25519(SigningKey::from_bytes(&seed)))
    }

    pub fn secret(&self) -> Vec<u8> {
        self.0.to_bytes().to_vec()
    }
}

impl Signer for Ed25519 {
    fn algorithm(&self) -> &'static str {
        ED25519
    }
    fn public_key(&self) -> Vec<u8> {
        self.0.verifying_key().to_bytes().to_vec()
    }
    fn sign(&self, message: &[u8]) -> Vec<u8> {
        use ed25519_dalek::Signer as _;
        self.0.sign(message).to_bytes().to_vec()
    }
}

/// Checks `signature` over `message` with a public key of `algorithm`. `Ok(false)` when the
/// signature does not match; an error when the algorithm or key cannot be used at all.
pub fn verify(
    algorithm: &str,
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<bool> {
    match algorithm {
        ED25519 => {
            let key: [u8; 32] = public_key
                .try_into()
                .map_err(|_| Error::Refused("登记的公钥已损坏（长度不对）".into()))?;
            let key = VerifyingKey::from_bytes(&key)
                .map_err(|_| Error::Refused("登记的公钥已损坏".into()))?;
            let Ok(sig) = Signature::from_slice(signature) else {
                return Ok(false);
            };
            Ok(key.verify_strict(message, &sig).is_ok())
        }
        other => Err(Error::Refused(format!(
            "交换包使用了本程序不支持的签名算法“{other}”"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_refuses_a_changed_message_or_another_key() {
        let key = Ed25519::generate().unwrap();
        let sig = key.sign(b"manifest");
        assert!(verify(ED25519, &key.public_key(), b"manifest", &sig).unwrap());
        assert!(!verify(ED25519, &key.public_key(), b"manifesT", &sig).unwrap());
        let other = Ed25519::generate().unwrap();
        assert!(!verify(ED25519, &other.public_key(), b"manifest", &sig).unwrap());
        let again = Ed25519::from_secret(&key.secret()).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        assert!(verify("sm2", &key.public_key(), b"m", &sig).is_err());
    }
}
