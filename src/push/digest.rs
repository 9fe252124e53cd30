//! HTTP Digest access authentication (RFC 7616 / 2617, MD5, `qop=auth`), as required by
//! stores such as Virtuoso's `/sparql-graph-crud-auth`.

use md5::{Digest, Md5};
use std::collections::HashMap;

/// A parsed `WWW-Authenticate: Digest ...` challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    qop_auth: bool,
    algorithm: Option<String>,
}

fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Splits `k=v, k="v, with comma"` into a map (keys lowercased).
fn parse_params(s: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ',' {
                break;
            }
            key.push(c);
            chars.next();
        }
        if key.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(n) = chars.next() {
                                value.push(n);
                            }
                        }
                        '"' => break,
                        c => value.push(c),
                    }
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ',' {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
            }
        }
        out.insert(key.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    out
}

impl Challenge {
    /// Parses one `WWW-Authenticate` header value; `None` unless it is a Digest
    /// challenge with MD5 (or no algorithm) and a nonce.
    pub fn parse(header: &str) -> Option<Challenge> {
        let header = header.trim();
        let (scheme, rest) = header.split_once(char::is_whitespace)?;
        if !scheme.eq_ignore_ascii_case("digest") {
            return None;
        }
        let p = parse_params(rest);
        let algorithm = p.get("algorithm").cloned();
        if algorithm
            .as_deref()
            .is_some_and(|a| !a.eq_ignore_ascii_case("md5"))
        {
            return None;
        }
        Some(Challenge {
            realm: p.get("realm").cloned().unwrap_or_default(),
            nonce: p.get("nonce").cloned()?,
            opaque: p.get("opaque").cloned(),
            qop_auth: p
                .get("qop")
                .is_some_and(|q| q.split(',').any(|x| x.trim().eq_ignore_ascii_case("auth"))),
            algorithm,
        })
    }

    /// The `Authorization` header value for `method` on `uri` (the request target:
    /// path and query), the `nc`-th use of this nonce, with client nonce `cnonce`.
    pub fn authorization(
        &self,
        user: &str,
        password: &str,
        method: &str,
        uri: &str,
        nc: u32,
        cnonce: &str,
    ) -> String {
        let ha1 = md5_hex(&format!("{user}:{}:{password}", self.realm));
        let ha2 = md5_hex(&format!("{method}:{uri}"));
        let nc = format!("{nc:08x}");
        let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let mut h = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\"",
            quote(user),
            quote(&self.realm),
            quote(&self.nonce),
            quote(uri)
        );
        let response = if self.qop_auth {
            h.push_str(&format!(
                ", qop=auth, nc={nc}, cnonce=\"{}\"",
                quote(cnonce)
            ));
            md5_hex(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", self.nonce))
        } else {
            md5_hex(&format!("{ha1}:{}:{ha2}", self.nonce))
        };
        h.push_str(&format!(", response=\"{response}\""));
        if let Some(o) = &self.opaque {
            h.push_str(&format!(", opaque=\"{}\"", quote(o)));
        }
        if let Some(a) = &self.algorithm {
            h.push_str(&format!(", algorithm={a}"));
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2617_example() {
        // The worked example of RFC 2617 section 3.5.
        let c = Challenge::parse(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        )
        .unwrap();
        let h = c.authorization(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            1,
            "0a4f113b",
        );
        assert!(
            h.contains(r#"response="6629fae49393a05397450978507c4ef1""#),
            "{h}"
        );
        assert!(h.contains("nc=00000001"));
        assert!(h.contains(r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#));
    }

    #[test]
    fn non_digest_or_other_algorithms_are_ignored() {
        assert_eq!(Challenge::parse(r#"Basic realm="x""#), None);
        assert_eq!(
            Challenge::parse(r#"Digest realm="x", nonce="n", algorithm=SHA-256"#),
            None
        );
        assert!(Challenge::parse(
            r#"Digest realm="SPARQL", nonce="abc", qop="auth", algorithm="MD5""#
        )
        .is_some());
    }
}
