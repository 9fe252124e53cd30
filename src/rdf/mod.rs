//! RDF: the graph model and the mapping from [`crate::Extraction`] to quads.
//!
//! Each article lives in its own named graph `sgid:graph/{doc}`; the store's
//! default graph is queried as the union of all named graphs. Derived,
//! cross-article facts (claim clusters) live in `sgid:graph/corpus`.
//! Offsets are Unicode code points (NIF 2.0 convention), end exclusive.
//!
//! **Union graph:** global nodes (actors, roles, targets) are described again
//! in every article graph that names them. [`crate::store::Store::query`] (and
//! the SPARQL endpoint) read the default graph as the *set* union of all
//! graphs, so such a triple matches once; oxigraph's own
//! `set_default_graph_as_union` is a bag (it would match once per graph).
//! `GRAPH ?g { ... }` still sees every copy.
//! An actor's `schema:name` is the canonical name chosen when it was first
//! seen (or the user knowledge base's); names seen in later articles become
//! `skos:altLabel`. Claims get `schema:text` without surrounding quotation
//! marks; the quotation keeps the content span as written.
//!
//! ## Instance IRIs (`sgid:` = `https://w3id.org/stancegraph/id/`)
//! | node | IRI |
//! |---|---|
//! | article | `sgid:article/{doc}` |
//! | named graph | `sgid:graph/{doc}` |
//! | text context | `sgid:article/{doc}/text` |
//! | span anchor | `sgid:article/{doc}/text#char={start},{end}` |
//! | paragraph | `sgid:article/{doc}/p/{index}` |
//! | mention | `sgid:article/{doc}/mention/{mN}` |
//! | quotation / claim | `sgid:article/{doc}/quote/{cN}` / `sgid:article/{doc}/claim/{cN}` |
//! | membership | `sgid:article/{doc}/role/{rN}` |
//! | org relation | `sgid:article/{doc}/orgrel/{oN}` |
//! | act | `sgid:article/{doc}/act/{xN}` |
//! | stance | `sgid:article/{doc}/stance/{sN}` |
//! | extraction run | `sgid:run/{doc}/{hash12}` |
//! | actor (global) | `sgid:actor/{slug}` (merged across articles by [`crate::resolve`]) |
//! | role (global) | `sgid:role/{slug}` |
//! | target (global) | `sgid:target/{id}`; actor targets are the actor IRI itself |
//! | claim cluster | `sgid:cluster/{n}` in `sgid:graph/corpus` |
//!
//! ## Shapes (what each node carries)
//! ```text
//! article  a schema:NewsArticle ; sg:documentId ; sg:sourceFile ; sg:contentHash ;
//!          schema:headline? ; schema:publisher <outlet actor>? ; schema:datePublished? ;
//!          schema:url? ; schema:author? (literal) ; schema:inLanguage? ; sg:extraMetadata? (JSON) ;
//!          prov:wasGeneratedBy <run>
//! text     a nif:Context, nif:String ; nif:isString ; nif:beginIndex 0 ; nif:endIndex N ;
//!          nif:sourceUrl? ; schema:isPartOf <article>
//! anchor   a nif:String, nif:RFC5147String ; nif:beginIndex ; nif:endIndex ; nif:anchorOf ;
//!          nif:referenceContext <text>
//! para     a sg:Paragraph, nif:Paragraph ; nif:beginIndex ; nif:endIndex ; nif:referenceContext ;
//!          sg:paragraphIndex ; sg:furniture? ("caption" | "alt-text" | "heading" | "headline")
//! actor    a sg:Actor, prov:Agent, (schema:Person | schema:Organization | sg:Group |
//!          schema:NewsMediaOrganization | schema:Place | sg:Campaign) ; schema:name ; rdfs:label ;
//!          sg:actorKind ; skos:altLabel* ; schema:sameAs* / owl:sameAs* (user KB) ; sg:isPublisher?
//!          (sg:Group and sg:Campaign are subclasses of schema:Organization; Group, Campaign and
//!          NewsMediaOrganization actors also carry schema:Organization)
//! mention  a nif:Phrase ; nif:beginIndex ; nif:endIndex ; nif:anchorOf ; nif:referenceContext ;
//!          itsrdf:taIdentRef <actor>? ; sg:mentionKind
//! quote    a schema:Quotation ; schema:text ; schema:isPartOf <article> ;
//!          schema:spokenByCharacter <actor>? ; sg:quoteKind sg:Direct|sg:Indirect|sg:Mixed ;
//!          sg:cue? ; sg:cueLemma? ; sg:cueAnchor? ; sg:sourceAnchor? ; sg:contentAnchor ;
//!          sg:fragment* ; sg:addressee? ; sg:inParagraph <para> ; sg:paragraphIndex ;
//!          sg:speakerResolution ; sg:confidence ; sg:method ; sg:conveys <claim> ;
//!          prov:wasDerivedFrom <content anchor> ; prov:wasGeneratedBy <run>
//! claim    a schema:Claim ; schema:text ; schema:author <actor>? ; schema:appearance <article> ;
//!          sg:inCluster <cluster>? (derived graph)
//! role     a org:Role ; skos:prefLabel
//! member-  a org:Membership ; org:member <actor> ; org:organization <actor> ; org:role <role> ;
//! ship     sg:roleLabel ; sg:confidence ; sg:method ; prov:wasDerivedFrom <anchor>
//! orgrel   a sg:OrgRelation ; sg:relationKind ; sg:child ; sg:parent ; prov:wasDerivedFrom <anchor>
//!          plus the direct triples <child> org:subOrganizationOf <parent> and
//!          <parent> org:hasSubOrganization <child>
//! act      a sg:Interaction ; sg:agent ; sg:patient ; sg:actType sg:Criticises|... ;
//!          sg:actPolarity -1|1 ; sg:reportedIn <claim>? ; sg:confidence ; sg:method ;
//!          prov:wasDerivedFrom <anchor>
//! target   a sg:Target, skos:Concept ; skos:prefLabel ; skos:definition? ;
//!          sg:favourProposition* ; sg:againstProposition* ; sg:targetSource
//! stance   a sg:Stance ; sg:holder <actor> ; sg:target <target|actor> ;
//!          sg:polarity sg:Favour|sg:Against|sg:Neutral ; sg:confidence ; sg:method ;
//!          sg:expressedIn <claim>? ; sg:derivedFromAct <act>? ; sg:evidence* ("kind: text")
//! run      a sg:ExtractionRun, prov:Activity ; sg:toolVersion ; sg:method ; prov:used <article>
//! cluster  a sg:ClaimCluster ; rdfs:label ; (claims link to it with sg:inCluster)
//! ```
//! Every extracted node (quote, claim, mention, membership, orgrel, act, stance) also has
//! `prov:wasGeneratedBy <run>`.

pub mod derived;
pub mod mapping;
pub mod vocab;
