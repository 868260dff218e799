//! A minimal XML tree for the patch: parses the parts docx-rs writes (no DTDs, no CDATA,
//! text escaped) into elements that keep their start tags byte for byte, so a part can be
//! edited structurally (reorder children, add an attribute or a child) and written back
//! unchanged everywhere else.

/// A node: an element, or anything else kept verbatim (text, declarations).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Element(Element),
    Raw(String),
}

/// An element: its start tag as written (`<w:ind w:left="1"` without the closing `>` or
/// `/>`), its name, and its children (`None` when written empty, `<x/>`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Element {
    pub name: String,
    pub start: String,
    pub children: Option<Vec<Node>>,
}

impl Element {
    /// The value of attribute `name` (e.g. `w:firstLine`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        let key = format!(" {name}=\"");
        let at = self.start.find(&key)? + key.len();
        let len = self.start[at..].find('"')?;
        Some(&self.start[at..at + len])
    }

    /// Adds attribute `name` (the value must need no escaping).
    pub fn set_attr(&mut self, name: &str, value: &str) {
        self.start = format!("{} {name}=\"{value}\"", self.start.trim_end());
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().flatten().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Raw(_) => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().flatten().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Raw(_) => None,
        })
    }

    /// Appends a child element.
    pub fn push(&mut self, child: Element) {
        self.children
            .get_or_insert_with(Vec::new)
            .push(Node::Element(child));
    }

    /// Sorts the child elements by their place in `order` (the schema's sequence: local
    /// names separated by whitespace); others keep their order after the known ones.
    pub fn sort_children(&mut self, order: &str) {
        if let Some(children) = &mut self.children {
            let rank = |n: &Node| match n {
                Node::Element(e) => {
                    let local = e.name.split_once(':').map_or(e.name.as_str(), |(_, l)| l);
                    order.split_whitespace().position(|o| o == local)
                }
                Node::Raw(_) => None,
            };
            children.sort_by_key(|n| rank(n).unwrap_or(usize::MAX));
        }
    }

    fn write(&self, out: &mut String) {
        out.push_str(&self.start);
        match &self.children {
            None => out.push_str(" />"),
            Some(children) => {
                out.push('>');
                write_nodes(children, out);
                out.push_str("</");
                out.push_str(&self.name);
                out.push('>');
            }
        }
    }
}

/// Calls `f` on every element of `nodes`, parents before their children.
pub(super) fn walk_mut(nodes: &mut [Node], f: &mut impl FnMut(&mut Element)) {
    for n in nodes {
        if let Node::Element(e) = n {
            f(e);
            if let Some(children) = &mut e.children {
                walk_mut(children, f);
            }
        }
    }
}

/// Writes nodes back as XML.
pub(super) fn write_nodes(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Element(e) => e.write(out),
            Node::Raw(s) => out.push_str(s),
        }
    }
}

/// Parses XML into nodes. Unbalanced input still gives a tree: a stray end tag closes
/// nothing and an unclosed element ends with the input.
pub(super) fn parse(xml: &str) -> Vec<Node> {
    let mut stack: Vec<(Element, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        let (token, tail) = next_token(rest);
        rest = tail;
        let target = match stack.last_mut() {
            Some((_, children)) => children,
            None => &mut top,
        };
        if !token.starts_with('<') || token.starts_with("<?") || token.starts_with("<!") {
            target.push(Node::Raw(token.to_owned()));
        } else if let Some(end) = token.strip_prefix("</") {
            let name = end.trim_end_matches('>').trim();
            if stack.last().is_some_and(|(e, _)| e.name == name) {
                if let Some((mut e, children)) = stack.pop() {
                    e.children = Some(children);
                    let parent = match stack.last_mut() {
                        Some((_, c)) => c,
                        None => &mut top,
                    };
                    parent.push(Node::Element(e));
                }
            }
        } else {
            let empty = token.ends_with("/>");
            let body = token.trim_end_matches('>').trim_end_matches('/').trim_end();
            let name: String = body[1..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .collect();
            let e = Element {
                name,
                start: body.to_owned(),
                children: None,
            };
            if empty {
                target.push(Node::Element(e));
            } else {
                stack.push((e, Vec::new()));
            }
        }
    }
    while let Some((mut e, children)) = stack.pop() {
        e.children = Some(children);
        match stack.last_mut() {
            Some((_, c)) => c.push(Node::Element(e)),
            None => top.push(Node::Element(e)),
        }
    }
    top
}

/// The next tag (up to its `>`, quotes respected) or run of text.
fn next_token(s: &str) -> (&str, &str) {
    if !s.starts_with('<') {
        let end = s.find('<').unwrap_or(s.len());
        return s.split_at(end);
    }
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('>', None) => return s.split_at(i + 1),
            _ => {}
        }
    }
    (s, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_edits() {
        let xml = r#"<?xml version="1.0"?><w:p a="x>y"><w:pPr><w:rPr /><w:jc w:val="both" /><w:ind w:firstLine="640" /></w:pPr><w:r><w:t xml:space="preserve">甲 &amp; 乙</w:t></w:r></w:p>"#;
        let mut nodes = parse(xml);
        let mut out = String::new();
        write_nodes(&nodes, &mut out);
        assert_eq!(out, xml);
        walk_mut(&mut nodes, &mut |e| {
            if e.name == "w:pPr" {
                e.sort_children("jc ind rPr");
            }
            if e.name == "w:ind" {
                assert_eq!(e.attr("w:firstLine"), Some("640"));
                e.set_attr("w:firstLineChars", "200");
            }
        });
        let mut out = String::new();
        write_nodes(&nodes, &mut out);
        assert!(out.contains(r#"<w:pPr><w:jc w:val="both" /><w:ind w:firstLine="640" w:firstLineChars="200" /><w:rPr /></w:pPr>"#), "{out}");
    }
}
