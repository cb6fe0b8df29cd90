<?xml version="1.0" encoding="UTF-8"?>
<!-- facts.xsl - the publishing facts of one built page (parsed by
     `xsltproc - -html`), one per line, tab-separated:
       lang     <html lang>
       dir      <html dir>
       canon    href of <link rel="canonical">
       alt      hreflang  href          (each <link rel="alternate" hreflang>)
       robots   content of <meta name="robots">
       oglocale content                 (og:locale)
       ogalt    content                 (og:locale:alternate)
       switch   hreflang  href  current (each link of nav.languages)
       ref      URL                     (every href and src of the page) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:variable name="tab" select="'&#9;'"/>
  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:template match="/">
    <xsl:value-of select="concat('lang', $tab, /html/@lang, $nl)"/>
    <xsl:value-of select="concat('dir', $tab, /html/@dir, $nl)"/>
    <xsl:for-each select="/html/head/link[@rel='canonical']">
      <xsl:value-of select="concat('canon', $tab, @href, $nl)"/>
    </xsl:for-each>
    <xsl:for-each select="/html/head/link[@rel='alternate'][@hreflang]">
      <xsl:value-of select="concat('alt', $tab, @hreflang, $tab, @href, $nl)"/>
    </xsl:for-each>
    <xsl:for-each select="/html/head/meta[@name='robots']">
      <xsl:value-of select="concat('robots', $tab, @content, $nl)"/>
    </xsl:for-each>
    <xsl:for-each select="/html/head/meta[@property='og:locale']">
      <xsl:value-of select="concat('oglocale', $tab, @content, $nl)"/>
    </xsl:for-each>
    <xsl:for-each select="/html/head/meta[@property='og:locale:alternate']">
      <xsl:value-of select="concat('ogalt', $tab, @content, $nl)"/>
    </xsl:for-each>
    <xsl:for-each select="//nav[contains(concat(' ', normalize-space(@class), ' '), ' languages ')]//a">
      <xsl:value-of select="concat('switch', $tab, @hreflang, $tab, @href, $tab, @aria-current, $tab, @lang, $tab, @dir, $nl)"/>
    </xsl:for-each>
    <xsl:for-each select="//@href | //@src">
      <xsl:value-of select="concat('ref', $tab, ., $nl)"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
