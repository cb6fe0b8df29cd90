<?xml version="1.0" encoding="UTF-8"?>
<!--
  report.xsl - the layout of a report: localised DocBook 5 in, XSL-FO 1.1
  out, for Apache FOP.  `l10n build ‐‐fo` applies it in-process (libxslt,
  compiled once per run) to each language's merged DocBook and passes the
  language's facts as parameters; with no parameters it lays out English.
  Also usable with xsltproc: xsltproc ‐‐stringparam lang he ... report.xsl x.xml

  A publisher restyles the PDF with a stylesheet of their own that imports
  this one and overrides templates or attribute sets
  (`l10n build ‐‐stylesheet=FILE`, `make l10n FO_STYLESHEET=FILE`).

  Output stays inside the XSL-FO subset of tests/fo/fo-subset.rng.  Every
  string the layout adds comes from a parameter l10n.NAME (see layout.xml);
  {number}, {title} ... in them are filled in here.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:d="http://docbook.org/ns/docbook"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:exsl="http://exslt.org/common"
    xmlns:l10n="urn:x-l10n:fo-numbers"
    exclude-result-prefixes="d xlink exsl l10n">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="d:*"/>
  <xsl:preserve-space elements="d:para d:simpara d:title d:subtitle d:entry d:term
      d:phrase d:emphasis d:link d:quote d:literal d:code d:citetitle d:attribution
      d:programlisting d:screen d:literallayout d:publishername d:date d:superscript
      d:subscript d:foreignphrase d:firstterm d:abbrev d:acronym d:trademark"/>

  <!-- ==== Parameters: the language's facts, from ICU, set by l10n build ==== -->
  <xsl:param name="lang" select="'en'"/>              <!-- BCP 47 -->
  <xsl:param name="language" select="'en'"/>         <!-- ISO 639 -->
  <xsl:param name="country" select="'US'"/>           <!-- ISO 3166 -->
  <xsl:param name="script" select="'Latn'"/>          <!-- ISO 15924 -->
  <xsl:param name="writing-mode" select="'lr-tb'"/>   <!-- rl-tb for he, ar ... -->
  <xsl:param name="hyphenate" select="'true'"/>
  <xsl:param name="font-family" select="'Noto Sans, DejaVu Sans, WenQuanYi Micro Hei, IPAPGothic, NanumGothic, Lemonada'"/>
  <xsl:param name="monospace-font-family" select="concat('DejaVu Sans Mono, ', $font-family)"/>
  <!-- The source language, which untranslated parts (xml:lang) are in. -->
  <xsl:param name="source-lang" select="'en'"/>
  <xsl:param name="source-font-family" select="$font-family"/>
  <xsl:param name="source-writing-mode" select="'lr-tb'"/>
  <xsl:param name="source-script" select="'Latn'"/>
  <!-- The language's digits 0-9 (ICU's default numbering system). -->
  <xsl:param name="digits" select="'0123456789'"/>
  <!-- Quotation marks (CLDR delimiters). -->
  <xsl:param name="quote-open" select="'&#x201C;'"/>
  <xsl:param name="quote-close" select="'&#x201D;'"/>
  <xsl:param name="quote-alt-open" select="'&#x2018;'"/>
  <xsl:param name="quote-alt-close" select="'&#x2019;'"/>
  <!-- The date of this edition, written by ICU for the language. -->
  <xsl:param name="date" select="''"/>
  <!-- Units shown in the source language, and the two languages' names. -->
  <xsl:param name="fallback-units" select="0"/>
  <xsl:param name="language-name" select="''"/>
  <xsl:param name="source-language-name" select="''"/>
  <!-- FOP 2.8 lays out fo:footnote-body without the Unicode bidirectional
       algorithm (FOP-2764, fixed in 2.10): text of a right-to-left
       language comes out reversed.  When 'yes', each footnote body starts
       with the processing instruction l10n-visual-order, and l10n build
       rewrites its lines in visual order (ICU ubidi) with lines of at most
       footnote-line-chars characters. -->
  <xsl:param name="footnote-visual-order" select="'no'"/>
  <xsl:param name="footnote-line-chars" select="95"/>

  <!-- The layout's own text (layout.xml), translated. -->
  <xsl:param name="l10n.contents" select="'Contents'"/>
  <xsl:param name="l10n.chapter" select="'Chapter {number}'"/>
  <xsl:param name="l10n.page" select="'Page {page}'"/>
  <xsl:param name="l10n.table" select="'Table {number}'"/>
  <xsl:param name="l10n.table-caption" select="'Table {number}: {title}'"/>
  <xsl:param name="l10n.figure" select="'Figure {number}'"/>
  <xsl:param name="l10n.figure-caption" select="'Figure {number}: {title}'"/>
  <xsl:param name="l10n.section-reference" select="'&#x201C;{title}&#x201D;'"/>
  <xsl:param name="l10n.note" select="'Note'"/>
  <xsl:param name="l10n.notes" select="'Notes'"/>
  <xsl:param name="l10n.list-number" select="'{number}.'"/>
  <xsl:param name="l10n.attribution" select="'&#x2014; {source}'"/>
  <xsl:param name="l10n.edition-date" select="'This edition: {date}'"/>
  <xsl:param name="l10n.partial" select="'Parts of this report are not yet translated into {language} and are shown in {source}.'"/>

  <!-- Where notes go: 'footnotes' (fo:footnote, at the foot of the page)
       or 'endnotes' (a "Notes" section at the end of each chapter, the
       marks linking to them).  A publisher's choice. -->
  <xsl:param name="notes" select="'footnotes'"/>

  <!-- ==== Page geometry and type ==== -->
  <xsl:param name="page-height" select="'297mm'"/>
  <xsl:param name="page-width" select="'210mm'"/>
  <xsl:param name="body-font-size" select="'10.5pt'"/>

  <xsl:variable name="rtl" select="$writing-mode = 'rl-tb'"/>
  <!-- Italic exists (and is the convention) only in these scripts; the
       others emphasise with weight.  Text shown in the source language
       follows the source's script. -->
  <xsl:variable name="has-italic" select="$script = 'Latn' or $script = 'Cyrl' or $script = 'Grek'"/>
  <xsl:variable name="source-has-italic" select="$source-script = 'Latn'
      or $source-script = 'Cyrl' or $source-script = 'Grek'"/>
  <xsl:variable name="cjk" select="$script = 'Hans' or $script = 'Hant' or $script = 'Jpan' or $script = 'Kore'"/>
  <xsl:variable name="line-height">
    <xsl:choose>
      <xsl:when test="$cjk">1.6</xsl:when>
      <xsl:otherwise>1.45</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- A line of the table of contents is a title, a leader and a page
       number (a European number, left to right).  In a right-to-left
       document U+200F (RIGHT-TO-LEFT MARK) after the title keeps the
       leader and the number in the right-to-left flow, so that the number
       ends the line at the left (UAX #9, rules W7 and N1); without it they
       form a left-to-right run beside the title. -->
  <xsl:variable name="direction-mark">
    <xsl:if test="$rtl">&#x200F;</xsl:if>
  </xsl:variable>

  <xsl:variable name="doc" select="/*"/>
  <xsl:variable name="report-title">
    <xsl:apply-templates select="/*/d:info/d:title" mode="text"/>
  </xsl:variable>
  <xsl:variable name="divisions" select="/*/d:preface | /*/d:chapter | /*/d:appendix
      | /*/d:section | /*/d:sect1"/>

  <xsl:attribute-set name="title.chapter">
    <xsl:attribute name="font-size">20pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="space-after">8mm</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
    <xsl:attribute name="line-height">1.25</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="title.section">
    <xsl:attribute name="font-size">13pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="space-before">6mm</xsl:attribute>
    <xsl:attribute name="space-after">3mm</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="para">
    <xsl:attribute name="space-after">3mm</xsl:attribute>
    <xsl:attribute name="text-align">justify</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="link">
    <xsl:attribute name="color">#1a4f8b</xsl:attribute>
  </xsl:attribute-set>

  <!-- ==== Helpers ==== -->

  <!-- A number in the language's digits. -->
  <xsl:template name="digits">
    <xsl:param name="n"/>
    <xsl:value-of select="translate(string($n), '0123456789', $digits)"/>
  </xsl:template>

  <!-- TEXT with its first KEY replaced by VALUE. -->
  <xsl:template name="fill">
    <xsl:param name="text"/>
    <xsl:param name="key"/>
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="contains($text, $key)">
        <xsl:value-of select="concat(substring-before($text, $key), $value, substring-after($text, $key))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- TEXT with KEY replaced by the formatted NODES (a title with markup). -->
  <xsl:template name="fill-nodes">
    <xsl:param name="text"/>
    <xsl:param name="key"/>
    <xsl:param name="nodes"/>
    <xsl:param name="mode" select="'inline'"/>
    <xsl:choose>
      <xsl:when test="contains($text, $key)">
        <xsl:value-of select="substring-before($text, $key)"/>
        <xsl:choose>
          <xsl:when test="$mode = 'text'"><xsl:apply-templates select="$nodes" mode="text"/></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="$nodes"/></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="substring-after($text, $key)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The id of a DocBook element in the FO document. -->
  <xsl:template name="id">
    <xsl:param name="node" select="."/>
    <xsl:choose>
      <xsl:when test="$node/@xml:id"><xsl:value-of select="$node/@xml:id"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('l10n-', generate-id($node))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Attributes for content in another language than the document's
       (units shown in the source language carry xml:lang). -->
  <xsl:template name="lang-attributes">
    <xsl:if test="@xml:lang and @xml:lang != $lang">
      <xsl:attribute name="xml:lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
      <xsl:if test="@xml:lang = $source-lang">
        <xsl:attribute name="font-family"><xsl:value-of select="$source-font-family"/></xsl:attribute>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Is this element in the source language, written in the other
       direction than the document? -->
  <xsl:template name="other-direction">
    <xsl:if test="@xml:lang and @xml:lang != $lang and @xml:lang = $source-lang
                  and $source-writing-mode != $writing-mode">yes</xsl:if>
  </xsl:template>

  <!-- Lookups by id and the numbers of footnotes, tables and figures come
       from indexes built once per document: a scan of the whole document
       for each reference or number made a 680-page report take minutes
       (xsl:number level="any" counts backwards from the node).  Each
       number is the node's position among the nodes xsl:number counts. -->
  <xsl:key name="l10n-id" match="*[@xml:id]" use="@xml:id"/>
  <xsl:key name="l10n-number" match="l10n:n" use="@id"/>
  <xsl:variable name="l10n-numbers">
    <xsl:for-each select="//d:footnote">
      <l10n:n id="{generate-id()}"><xsl:value-of select="position()"/></l10n:n>
    </xsl:for-each>
    <xsl:for-each select="//d:table[d:title]">
      <l10n:n id="{generate-id()}"><xsl:value-of select="position()"/></l10n:n>
    </xsl:for-each>
    <xsl:for-each select="//d:figure[d:title]">
      <l10n:n id="{generate-id()}"><xsl:value-of select="position()"/></l10n:n>
    </xsl:for-each>
  </xsl:variable>

  <!-- Numbers of chapters, tables, figures, footnotes. -->
  <xsl:template name="chapter-number">
    <xsl:param name="node" select="."/>
    <xsl:call-template name="digits">
      <xsl:with-param name="n" select="count($node/preceding-sibling::d:chapter) + 1"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="object-number">
    <xsl:param name="node" select="."/>
    <xsl:variable name="id" select="generate-id($node)"/>
    <xsl:variable name="indexed">
      <xsl:for-each select="exsl:node-set($l10n-numbers)">
        <xsl:value-of select="key('l10n-number', $id)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="n">
      <xsl:for-each select="$node">
        <xsl:choose>
          <xsl:when test="string($indexed) != '' and (self::d:footnote or d:title)">
            <xsl:value-of select="$indexed"/>
          </xsl:when>
          <xsl:when test="self::d:table"><xsl:number level="any" count="d:table[d:title]"/></xsl:when>
          <xsl:when test="self::d:figure"><xsl:number level="any" count="d:figure[d:title]"/></xsl:when>
          <xsl:otherwise><xsl:number level="any" count="d:footnote"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:call-template name="digits"><xsl:with-param name="n" select="$n"/></xsl:call-template>
  </xsl:template>

  <!-- The label of a division, if it has one ("Chapter 2"). -->
  <xsl:template name="label">
    <xsl:param name="node" select="."/>
    <xsl:if test="$node/self::d:chapter">
      <xsl:call-template name="fill">
        <xsl:with-param name="text" select="$l10n.chapter"/>
        <xsl:with-param name="key" select="'{number}'"/>
        <xsl:with-param name="value">
          <xsl:call-template name="chapter-number"><xsl:with-param name="node" select="$node"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Titles as plain text (bookmarks, running header). -->
  <xsl:template match="d:footnote | d:indexterm | d:remark" mode="text"/>
  <xsl:template match="text()" mode="text">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="*" mode="text">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <!-- ==== The document ==== -->

  <xsl:template match="/">
    <fo:root xml:lang="{$lang}" font-family="{$font-family}" font-size="{$body-font-size}"
             line-height="{$line-height}">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="title" page-height="{$page-height}"
            page-width="{$page-width}" margin="25mm 22mm" writing-mode="{$writing-mode}">
          <fo:region-body/>
        </fo:simple-page-master>
        <fo:simple-page-master master-name="body" page-height="{$page-height}"
            page-width="{$page-width}" margin="12mm 20mm 10mm 20mm" writing-mode="{$writing-mode}">
          <fo:region-body margin-top="14mm" margin-bottom="14mm"/>
          <fo:region-before extent="10mm"/>
          <fo:region-after extent="10mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:declarations>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title><xsl:value-of select="normalize-space($report-title)"/></dc:title>
              <dc:language><xsl:value-of select="$lang"/></dc:language>
              <xsl:if test="/*/d:info/d:publisher/d:publishername">
                <dc:creator><xsl:value-of select="normalize-space(/*/d:info/d:publisher/d:publishername)"/></dc:creator>
              </xsl:if>
            </rdf:Description>
          </rdf:RDF>
        </x:xmpmeta>
      </fo:declarations>
      <fo:bookmark-tree>
        <fo:bookmark internal-destination="l10n-toc">
          <fo:bookmark-title><xsl:value-of select="$l10n.contents"/></fo:bookmark-title>
        </fo:bookmark>
        <xsl:apply-templates select="$divisions" mode="bookmark"/>
      </fo:bookmark-tree>
      <xsl:call-template name="title-page"/>
      <xsl:call-template name="body"/>
    </fo:root>
  </xsl:template>

  <xsl:template name="page-sequence-attributes">
    <xsl:attribute name="xml:lang"><xsl:value-of select="$lang"/></xsl:attribute>
    <xsl:attribute name="language"><xsl:value-of select="$language"/></xsl:attribute>
    <xsl:if test="$country != ''">
      <xsl:attribute name="country"><xsl:value-of select="$country"/></xsl:attribute>
    </xsl:if>
    <xsl:attribute name="writing-mode"><xsl:value-of select="$writing-mode"/></xsl:attribute>
    <xsl:attribute name="hyphenate"><xsl:value-of select="$hyphenate"/></xsl:attribute>
    <xsl:if test="$hyphenate = 'true'">
      <xsl:attribute name="hyphenation-push-character-count">2</xsl:attribute>
      <xsl:attribute name="hyphenation-remain-character-count">3</xsl:attribute>
    </xsl:if>
    <xsl:if test="substring($digits, 2, 1) != '1'">
      <xsl:attribute name="format"><xsl:value-of select="substring($digits, 2, 1)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- ==== Bookmarks ==== -->

  <xsl:template match="*" mode="bookmark">
    <xsl:variable name="id"><xsl:call-template name="id"/></xsl:variable>
    <xsl:variable name="label"><xsl:call-template name="label"/></xsl:variable>
    <fo:bookmark internal-destination="{$id}">
      <fo:bookmark-title>
        <xsl:if test="$label != ''"><xsl:value-of select="concat($label, ' ')"/></xsl:if>
        <xsl:variable name="t"><xsl:apply-templates select="d:title | d:info/d:title" mode="text"/></xsl:variable>
        <xsl:value-of select="normalize-space($t)"/>
      </fo:bookmark-title>
      <xsl:apply-templates select="d:section | d:sect1 | d:sect2" mode="bookmark"/>
    </fo:bookmark>
  </xsl:template>

  <!-- ==== Title page ==== -->

  <xsl:template name="title-page">
    <xsl:variable name="info" select="/*/d:info"/>
    <fo:page-sequence master-reference="title" force-page-count="no-force">
      <xsl:call-template name="page-sequence-attributes"/>
      <fo:flow flow-name="xsl-region-body">
        <fo:block text-align="center">
          <fo:block font-size="24pt" font-weight="bold" line-height="1.25"
                    space-before="45mm" space-before.conditionality="retain" space-after="8mm">
            <xsl:for-each select="$info/d:title">
              <xsl:call-template name="lang-attributes"/>
              <xsl:apply-templates/>
            </xsl:for-each>
          </fo:block>
          <xsl:for-each select="$info/d:subtitle">
            <fo:block font-size="15pt" line-height="1.3" space-after="25mm">
              <xsl:call-template name="lang-attributes"/>
              <xsl:apply-templates/>
            </fo:block>
          </xsl:for-each>
          <xsl:for-each select="$info/d:publisher/d:publishername | $info/d:orgname">
            <fo:block font-size="12pt" space-after="3mm">
              <xsl:call-template name="lang-attributes"/>
              <xsl:apply-templates/>
            </fo:block>
          </xsl:for-each>
          <xsl:for-each select="$info/d:date | $info/d:pubdate">
            <fo:block font-size="11pt" space-after="3mm">
              <xsl:call-template name="lang-attributes"/>
              <xsl:apply-templates/>
            </fo:block>
          </xsl:for-each>
          <xsl:if test="$date != ''">
            <fo:block font-size="10pt" color="#444444" space-after="3mm">
              <xsl:call-template name="fill">
                <xsl:with-param name="text" select="$l10n.edition-date"/>
                <xsl:with-param name="key" select="'{date}'"/>
                <xsl:with-param name="value" select="$date"/>
              </xsl:call-template>
            </fo:block>
          </xsl:if>
          <xsl:if test="number($fallback-units) &gt; 0 and $language-name != ''">
            <fo:block font-size="9.5pt" color="#444444" space-before="20mm"
                      start-indent="15mm" end-indent="15mm">
              <xsl:variable name="one">
                <xsl:call-template name="fill">
                  <xsl:with-param name="text" select="$l10n.partial"/>
                  <xsl:with-param name="key" select="'{language}'"/>
                  <xsl:with-param name="value" select="$language-name"/>
                </xsl:call-template>
              </xsl:variable>
              <xsl:call-template name="fill">
                <xsl:with-param name="text" select="$one"/>
                <xsl:with-param name="key" select="'{source}'"/>
                <xsl:with-param name="value" select="$source-language-name"/>
              </xsl:call-template>
            </fo:block>
          </xsl:if>
        </fo:block>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- ==== Contents and body ==== -->

  <xsl:template name="body">
    <fo:page-sequence master-reference="body">
      <xsl:call-template name="page-sequence-attributes"/>
      <fo:static-content flow-name="xsl-region-before">
        <fo:block font-size="8pt" color="#555555" text-align="start"
                  border-after-style="solid" border-after-width="0.4pt"
                  border-after-color="#999999" padding-after="1mm">
          <xsl:value-of select="normalize-space($report-title)"/>
        </fo:block>
      </fo:static-content>
      <fo:static-content flow-name="xsl-region-after">
        <fo:block font-size="8pt" color="#555555" text-align="center">
          <xsl:call-template name="page-text"/>
        </fo:block>
      </fo:static-content>
      <fo:static-content flow-name="xsl-footnote-separator">
        <fo:block text-align-last="start" space-before="2mm">
          <fo:leader leader-pattern="rule" leader-length="30%" rule-thickness="0.5pt"/>
        </fo:block>
      </fo:static-content>
      <fo:flow flow-name="xsl-region-body">
        <xsl:call-template name="toc"/>
        <xsl:apply-templates select="$divisions"/>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- "Page N": the text around {page}, and FOP's page number. -->
  <xsl:template name="page-text">
    <xsl:choose>
      <xsl:when test="contains($l10n.page, '{page}')">
        <xsl:value-of select="substring-before($l10n.page, '{page}')"/>
        <fo:page-number/>
        <xsl:value-of select="substring-after($l10n.page, '{page}')"/>
      </xsl:when>
      <xsl:otherwise><fo:page-number/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="toc">
    <fo:block id="l10n-toc">
      <fo:block xsl:use-attribute-sets="title.chapter"><xsl:value-of select="$l10n.contents"/></fo:block>
      <xsl:apply-templates select="$divisions" mode="toc"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="*" mode="toc">
    <xsl:variable name="id"><xsl:call-template name="id"/></xsl:variable>
    <xsl:variable name="label"><xsl:call-template name="label"/></xsl:variable>
    <xsl:variable name="top" select="not(parent::d:section or parent::d:sect1 or parent::d:chapter
        or parent::d:preface or parent::d:appendix)"/>
    <fo:block text-align-last="justify" end-indent="10mm" last-line-end-indent="-10mm">
      <xsl:choose>
        <xsl:when test="$top">
          <xsl:attribute name="space-before">3mm</xsl:attribute>
          <xsl:attribute name="font-weight">bold</xsl:attribute>
          <xsl:attribute name="keep-with-next">always</xsl:attribute>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="start-indent"><xsl:value-of select="count(ancestor::d:section | ancestor::d:sect1) * 6 + 8"/>mm</xsl:attribute>
          <xsl:attribute name="space-before">1mm</xsl:attribute>
        </xsl:otherwise>
      </xsl:choose>
      <fo:basic-link internal-destination="{$id}">
        <xsl:if test="$label != ''"><xsl:value-of select="concat($label, ' ')"/></xsl:if>
        <xsl:for-each select="d:title | d:info/d:title">
          <xsl:call-template name="lang-attributes-inline"/>
        </xsl:for-each>
      </fo:basic-link>
      <xsl:value-of select="$direction-mark"/>
      <xsl:text> </xsl:text>
      <fo:leader leader-pattern="dots" leader-pattern-width="3pt"/>
      <xsl:text> </xsl:text>
      <fo:page-number-citation ref-id="{$id}"/>
    </fo:block>
    <xsl:apply-templates select="d:section | d:sect1" mode="toc"/>
  </xsl:template>

  <!-- The content of a title as inline text, in its own language. -->
  <xsl:template name="lang-attributes-inline">
    <xsl:choose>
      <xsl:when test="@xml:lang and @xml:lang != $lang">
        <fo:inline>
          <xsl:call-template name="lang-attributes"/>
          <xsl:apply-templates mode="text"/>
        </fo:inline>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== Divisions ==== -->

  <xsl:template match="d:preface | d:chapter | d:appendix | /*/d:section | /*/d:sect1">
    <xsl:variable name="id"><xsl:call-template name="id"/></xsl:variable>
    <fo:block id="{$id}" break-before="page">
      <xsl:call-template name="lang-attributes"/>
      <xsl:variable name="label"><xsl:call-template name="label"/></xsl:variable>
      <xsl:if test="$label != ''">
        <fo:block font-size="12pt" color="#555555" space-after="2mm" keep-with-next="always">
          <xsl:value-of select="$label"/>
        </fo:block>
      </xsl:if>
      <xsl:for-each select="d:title | d:info/d:title">
        <fo:block xsl:use-attribute-sets="title.chapter">
          <xsl:call-template name="lang-attributes"/>
          <xsl:apply-templates/>
        </fo:block>
      </xsl:for-each>
      <xsl:apply-templates select="*[not(self::d:title or self::d:info)]"/>
      <xsl:if test="$notes = 'endnotes' and .//d:footnote">
        <xsl:call-template name="endnotes"/>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- The notes of a division, at its end. -->
  <xsl:template name="endnotes">
    <fo:block space-before="8mm" font-size="9pt" line-height="1.35">
      <fo:block xsl:use-attribute-sets="title.section"><xsl:value-of select="$l10n.notes"/></fo:block>
      <xsl:for-each select=".//d:footnote">
        <xsl:variable name="n"><xsl:call-template name="object-number"/></xsl:variable>
        <fo:block id="{concat('l10n-note-', generate-id())}" space-after="1.5mm"
                  start-indent="0pt" text-indent="0pt" font-weight="normal" font-style="normal">
          <xsl:apply-templates select="*" mode="footnote">
            <xsl:with-param name="n" select="$n"/>
          </xsl:apply-templates>
        </fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <xsl:template match="d:section | d:sect1 | d:sect2 | d:sect3">
    <xsl:variable name="id"><xsl:call-template name="id"/></xsl:variable>
    <fo:block id="{$id}">
      <xsl:call-template name="lang-attributes"/>
      <xsl:for-each select="d:title | d:info/d:title">
        <fo:block xsl:use-attribute-sets="title.section">
          <xsl:if test="count(ancestor::d:section | ancestor::d:sect1 | ancestor::d:sect2) &gt; 1">
            <xsl:attribute name="font-size">11.5pt</xsl:attribute>
          </xsl:if>
          <xsl:call-template name="lang-attributes"/>
          <xsl:apply-templates/>
        </fo:block>
      </xsl:for-each>
      <xsl:apply-templates select="*[not(self::d:title or self::d:info)]"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="d:info | d:title | d:subtitle | d:titleabbrev | d:remark | d:indexterm"/>

  <!-- ==== Blocks ==== -->

  <xsl:template match="d:para | d:simpara">
    <xsl:variable name="other"><xsl:call-template name="other-direction"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$other = 'yes'">
        <fo:block-container writing-mode="{$source-writing-mode}">
          <xsl:call-template name="para-block"/>
        </fo:block-container>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="para-block"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="para-block">
    <fo:block xsl:use-attribute-sets="para">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="d:itemizedlist | d:orderedlist">
    <xsl:if test="d:title">
      <fo:block font-weight="bold" space-after="2mm" keep-with-next="always">
        <xsl:apply-templates select="d:title/node()"/>
      </fo:block>
    </xsl:if>
    <fo:list-block provisional-distance-between-starts="8mm"
                   provisional-label-separation="2mm" space-after="3mm">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates select="d:listitem"/>
    </fo:list-block>
  </xsl:template>

  <xsl:template match="d:listitem">
    <fo:list-item space-after="1.5mm">
      <fo:list-item-label end-indent="label-end()">
        <fo:block text-align="end">
          <xsl:choose>
            <xsl:when test="parent::d:orderedlist">
              <xsl:call-template name="fill">
                <xsl:with-param name="text" select="$l10n.list-number"/>
                <xsl:with-param name="key" select="'{number}'"/>
                <xsl:with-param name="value">
                  <xsl:call-template name="digits">
                    <xsl:with-param name="n" select="count(preceding-sibling::d:listitem) + 1"/>
                  </xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>&#x2022;</xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </fo:list-item-label>
      <fo:list-item-body start-indent="body-start()">
        <fo:block>
          <xsl:call-template name="lang-attributes"/>
          <xsl:apply-templates/>
        </fo:block>
      </fo:list-item-body>
    </fo:list-item>
  </xsl:template>

  <xsl:template match="d:listitem/d:para[last()] | d:listitem/d:simpara[last()]">
    <fo:block text-align="justify">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="d:blockquote">
    <fo:block start-indent="10mm" end-indent="10mm" space-before="2mm" space-after="4mm"
              border-start-style="solid" border-start-width="1.5pt"
              border-start-color="#999999" padding-start="4mm">
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates select="*[not(self::d:attribution or self::d:title or self::d:info)]"/>
      <xsl:for-each select="d:attribution">
        <fo:block text-align="end" font-size="9.5pt">
          <xsl:call-template name="lang-attributes"/>
          <xsl:call-template name="fill-nodes">
            <xsl:with-param name="text" select="$l10n.attribution"/>
            <xsl:with-param name="key" select="'{source}'"/>
            <xsl:with-param name="nodes" select="node()"/>
          </xsl:call-template>
        </fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <xsl:template match="d:note | d:tip | d:important | d:caution | d:warning">
    <fo:block space-before="3mm" space-after="4mm" padding="3mm" background-color="#f2f2f2"
              border-style="solid" border-width="0.4pt" border-color="#bbbbbb"
              keep-together.within-page="always">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="lang-attributes"/>
      <fo:block font-weight="bold" space-after="2mm" keep-with-next="always">
        <xsl:choose>
          <xsl:when test="d:title | d:info/d:title">
            <xsl:for-each select="(d:title | d:info/d:title)[1]">
              <xsl:call-template name="lang-attributes"/>
              <xsl:apply-templates/>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$l10n.note"/></xsl:otherwise>
        </xsl:choose>
      </fo:block>
      <xsl:apply-templates select="*[not(self::d:title or self::d:info)]"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="d:programlisting | d:screen | d:literallayout">
    <fo:block white-space-collapse="false" linefeed-treatment="preserve"
              white-space-treatment="preserve" wrap-option="wrap" space-after="3mm"
              text-align="start" hyphenate="false">
      <xsl:if test="not(self::d:literallayout)">
        <xsl:attribute name="font-family"><xsl:value-of select="$monospace-font-family"/></xsl:attribute>
        <xsl:attribute name="font-size">9pt</xsl:attribute>
        <xsl:attribute name="background-color">#f5f5f5</xsl:attribute>
        <xsl:attribute name="padding">2mm</xsl:attribute>
        <xsl:attribute name="writing-mode">lr-tb</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ==== Tables ==== -->

  <xsl:template match="d:table | d:informaltable">
    <xsl:variable name="id"><xsl:call-template name="id"/></xsl:variable>
    <fo:block id="{$id}" space-before="3mm" space-after="5mm">
      <xsl:call-template name="lang-attributes"/>
      <xsl:if test="d:title">
        <fo:block font-weight="bold" font-size="9.5pt" space-after="2mm"
                  keep-with-next="always">
          <xsl:call-template name="caption">
            <xsl:with-param name="pattern" select="$l10n.table-caption"/>
          </xsl:call-template>
        </fo:block>
      </xsl:if>
      <xsl:apply-templates select="d:tgroup"/>
    </fo:block>
  </xsl:template>

  <!-- "Table 3: Title" from a pattern with {number} and {title}. -->
  <xsl:template name="caption">
    <xsl:param name="pattern"/>
    <xsl:variable name="numbered">
      <xsl:call-template name="fill">
        <xsl:with-param name="text" select="$pattern"/>
        <xsl:with-param name="key" select="'{number}'"/>
        <xsl:with-param name="value"><xsl:call-template name="object-number"/></xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:for-each select="d:title">
      <xsl:choose>
        <xsl:when test="@xml:lang and @xml:lang != $lang">
          <xsl:value-of select="substring-before($numbered, '{title}')"/>
          <fo:inline>
            <xsl:call-template name="lang-attributes"/>
            <xsl:apply-templates/>
          </fo:inline>
          <xsl:value-of select="substring-after($numbered, '{title}')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="fill-nodes">
            <xsl:with-param name="text" select="$numbered"/>
            <xsl:with-param name="key" select="'{title}'"/>
            <xsl:with-param name="nodes" select="node()"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="d:tgroup">
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse"
              font-size="9pt" line-height="1.3">
      <xsl:if test="ancestor::d:table[1]/@frame != 'none'">
        <xsl:attribute name="border">0.5pt solid #777777</xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="d:colspec">
          <xsl:for-each select="d:colspec">
            <fo:table-column column-number="{position()}">
              <xsl:attribute name="column-width">
                <xsl:choose>
                  <xsl:when test="contains(@colwidth, '*')">proportional-column-width(<xsl:value-of select="substring-before(@colwidth, '*')"/>)</xsl:when>
                  <xsl:when test="@colwidth"><xsl:value-of select="@colwidth"/></xsl:when>
                  <xsl:otherwise>proportional-column-width(1)</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
            </fo:table-column>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <fo:table-column column-width="proportional-column-width(1)"
                           number-columns-repeated="{@cols}"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="d:thead">
        <!-- The header rows repeat at the top of every page the table
             continues on (table-omit-header-at-break is false). -->
        <fo:table-header font-weight="bold" background-color="#e8e8e8"
                         table-omit-header-at-break="false">
          <xsl:apply-templates select="d:thead/d:row"/>
        </fo:table-header>
      </xsl:if>
      <fo:table-body>
        <xsl:apply-templates select="d:tbody/d:row"/>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template match="d:row">
    <fo:table-row keep-together.within-page="always">
      <xsl:apply-templates select="d:entry"/>
    </fo:table-row>
  </xsl:template>

  <xsl:template match="d:entry">
    <xsl:variable name="col" select="count(preceding-sibling::d:entry) + 1"/>
    <xsl:variable name="align" select="ancestor::d:tgroup[1]/d:colspec[$col]/@align"/>
    <xsl:variable name="frame" select="ancestor::d:table[1]"/>
    <fo:table-cell padding="1.2mm 1.5mm">
      <xsl:if test="$frame/@rowsep = '1' or $frame/@colsep = '1'">
        <xsl:attribute name="border">0.5pt solid #777777</xsl:attribute>
      </xsl:if>
      <fo:block>
        <xsl:attribute name="text-align">
          <xsl:choose>
            <xsl:when test="$align = 'right'">end</xsl:when>
            <xsl:when test="$align = 'center'">center</xsl:when>
            <xsl:otherwise>start</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:call-template name="lang-attributes"/>
        <xsl:apply-templates/>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <xsl:template match="d:entry/d:para | d:entry/d:simpara">
    <fo:block>
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ==== Figures ==== -->

  <xsl:template match="d:figure | d:informalfigure">
    <xsl:variable name="id"><xsl:call-template name="id"/></xsl:variable>
    <fo:block id="{$id}" space-before="4mm" space-after="5mm" keep-together.within-page="always">
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates select="d:mediaobject"/>
      <xsl:if test="d:title">
        <fo:block font-size="9.5pt" font-weight="bold" space-before="2mm" text-align="center">
          <xsl:call-template name="caption">
            <xsl:with-param name="pattern" select="$l10n.figure-caption"/>
          </xsl:call-template>
        </fo:block>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <xsl:template match="d:mediaobject">
    <xsl:for-each select="d:imageobject[1]/d:imagedata">
      <fo:block text-align="center">
        <fo:external-graphic src="url('{@fileref}')" content-width="scale-down-to-fit"
                             width="100%" content-height="100%" scaling="uniform"/>
      </fo:block>
    </xsl:for-each>
  </xsl:template>

  <!-- ==== Footnotes ==== -->

  <xsl:template match="d:footnote">
    <xsl:variable name="n"><xsl:call-template name="object-number"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$notes = 'endnotes'">
        <fo:basic-link internal-destination="{concat('l10n-note-', generate-id())}">
          <fo:inline baseline-shift="3.5pt" font-size="7pt" font-weight="normal"
                     font-style="normal"><xsl:value-of select="$n"/></fo:inline>
        </fo:basic-link>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="footnote"><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="footnote">
    <xsl:param name="n"/>
    <fo:footnote>
      <!-- A length, not "super": with a CJK font first, FOP lifts "super"
           a whole line. -->
      <fo:inline baseline-shift="3.5pt" font-size="7pt" font-weight="normal"
                 font-style="normal"><xsl:value-of select="$n"/></fo:inline>
      <fo:footnote-body start-indent="0pt" end-indent="0pt" text-indent="0pt"
                        font-size="8pt" line-height="1.35" font-weight="normal"
                        font-style="normal" text-align="start" color="#000000">
        <xsl:if test="$footnote-visual-order = 'yes'">
          <xsl:processing-instruction name="l10n-visual-order">max-chars="<xsl:value-of select="$footnote-line-chars"/>"</xsl:processing-instruction>
        </xsl:if>
        <xsl:apply-templates select="*" mode="footnote">
          <xsl:with-param name="n" select="$n"/>
        </xsl:apply-templates>
      </fo:footnote-body>
    </fo:footnote>
  </xsl:template>

  <xsl:template match="*" mode="footnote">
    <xsl:param name="n"/>
    <fo:block space-after="1pt">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="lang-attributes"/>
      <xsl:if test="not(preceding-sibling::*)">
        <fo:inline font-size="6.5pt" baseline-shift="3pt"><xsl:value-of select="$n"/></fo:inline>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="d:footnoteref">
    <xsl:variable name="target" select="key('l10n-id', @linkend)[self::d:footnote]"/>
    <fo:inline baseline-shift="3.5pt" font-size="7pt">
      <xsl:for-each select="$target">
        <xsl:call-template name="object-number"/>
      </xsl:for-each>
    </fo:inline>
  </xsl:template>

  <!-- ==== Inlines ==== -->

  <xsl:template name="inline">
    <xsl:param name="content"><xsl:apply-templates/></xsl:param>
    <xsl:choose>
      <xsl:when test="@xml:lang and @xml:lang != $lang">
        <xsl:variable name="other"><xsl:call-template name="other-direction"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="$other = 'yes'">
            <fo:bidi-override unicode-bidi="embed">
              <xsl:attribute name="direction">
                <xsl:choose>
                  <xsl:when test="$source-writing-mode = 'rl-tb'">rtl</xsl:when>
                  <xsl:otherwise>ltr</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <fo:inline>
                <xsl:call-template name="lang-attributes"/>
                <xsl:copy-of select="$content"/>
              </fo:inline>
            </fo:bidi-override>
          </xsl:when>
          <xsl:otherwise>
            <fo:inline>
              <xsl:call-template name="lang-attributes"/>
              <xsl:copy-of select="$content"/>
            </fo:inline>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:copy-of select="$content"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:emphasis | d:citetitle | d:foreignphrase | d:firstterm | d:glossterm">
    <xsl:variable name="in-source" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang = $source-lang
        and $source-lang != $lang"/>
    <fo:inline>
      <xsl:choose>
        <xsl:when test="self::d:emphasis and (@role = 'bold' or @role = 'strong')">
          <xsl:attribute name="font-weight">bold</xsl:attribute>
        </xsl:when>
        <xsl:when test="$in-source and $source-has-italic">
          <xsl:attribute name="font-style">italic</xsl:attribute>
        </xsl:when>
        <xsl:when test="self::d:citetitle and $cjk"/>
        <xsl:when test="$has-italic">
          <xsl:attribute name="font-style">italic</xsl:attribute>
        </xsl:when>
        <xsl:when test="self::d:emphasis">
          <xsl:attribute name="font-weight">bold</xsl:attribute>
        </xsl:when>
      </xsl:choose>
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:inline>
  </xsl:template>

  <xsl:template match="d:quote">
    <xsl:variable name="nested" select="count(ancestor::d:quote) mod 2 = 1"/>
    <xsl:call-template name="inline">
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="$nested"><xsl:value-of select="$quote-alt-open"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$quote-open"/></xsl:otherwise>
        </xsl:choose>
        <xsl:apply-templates/>
        <xsl:choose>
          <xsl:when test="$nested"><xsl:value-of select="$quote-alt-close"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$quote-close"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="d:literal | d:code | d:filename | d:command | d:option | d:userinput
      | d:computeroutput | d:varname | d:function | d:tag | d:uri | d:email">
    <fo:inline font-family="{$monospace-font-family}" font-size="92%">
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:inline>
  </xsl:template>

  <xsl:template match="d:superscript">
    <fo:inline baseline-shift="3pt" font-size="75%">
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:inline>
  </xsl:template>

  <xsl:template match="d:subscript">
    <fo:inline baseline-shift="-2pt" font-size="75%">
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:inline>
  </xsl:template>

  <xsl:template match="d:phrase | d:abbrev | d:acronym | d:trademark | d:productname
      | d:orgname | d:personname | d:wordasword">
    <xsl:call-template name="inline"/>
  </xsl:template>

  <!-- A link: its text, or (empty) its address, which stays left to right. -->
  <xsl:template match="d:link[@xlink:href]">
    <fo:basic-link external-destination="url('{@xlink:href}')" xsl:use-attribute-sets="link">
      <xsl:call-template name="lang-attributes"/>
      <xsl:choose>
        <xsl:when test="node()"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise>
          <fo:inline font-size="95%"><xsl:value-of select="@xlink:href"/></fo:inline>
        </xsl:otherwise>
      </xsl:choose>
    </fo:basic-link>
  </xsl:template>

  <xsl:template match="d:link[@linkend]">
    <fo:basic-link internal-destination="{@linkend}" xsl:use-attribute-sets="link">
      <xsl:call-template name="lang-attributes"/>
      <xsl:apply-templates/>
    </fo:basic-link>
  </xsl:template>

  <!-- A cross-reference: "Chapter 2", "Table 1", or a section's title. -->
  <xsl:template match="d:xref">
    <xsl:variable name="target" select="key('l10n-id', @linkend)"/>
    <fo:basic-link internal-destination="{@linkend}" xsl:use-attribute-sets="link">
      <xsl:for-each select="$target[1]">
        <xsl:choose>
          <xsl:when test="self::d:chapter">
            <xsl:call-template name="label"/>
          </xsl:when>
          <xsl:when test="self::d:table or self::d:figure">
            <xsl:call-template name="fill">
              <xsl:with-param name="text">
                <xsl:choose>
                  <xsl:when test="self::d:table"><xsl:value-of select="$l10n.table"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="$l10n.figure"/></xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
              <xsl:with-param name="key" select="'{number}'"/>
              <xsl:with-param name="value"><xsl:call-template name="object-number"/></xsl:with-param>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="fill-nodes">
              <xsl:with-param name="text" select="$l10n.section-reference"/>
              <xsl:with-param name="key" select="'{title}'"/>
              <xsl:with-param name="nodes" select="(d:title | d:info/d:title)[1]"/>
              <xsl:with-param name="mode" select="'text'"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </fo:basic-link>
  </xsl:template>

  <!-- Anything else: its content. -->
  <xsl:template match="*">
    <xsl:apply-templates/>
  </xsl:template>
</xsl:stylesheet>
