<?xml version="1.0" encoding="UTF-8"?>
<!-- status.xsl - the numbers of out/status.html (parsed by `xsltproc
     - -html`), one row per line, tab-separated: catalog, document ("-" for
     the catalog's own row), translated, fuzzy, untranslated,
     translated_words, fuzzy_words, untranslated_words, whether the row has
     a bar ("bar"), and the state of the document ("-" for catalogs). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:variable name="tab" select="'&#9;'"/>
  <xsl:template match="/">
    <xsl:for-each select="//tr[@data-catalog]">
      <xsl:value-of select="@data-catalog"/>
      <xsl:value-of select="$tab"/>
      <xsl:choose>
        <xsl:when test="@data-document"><xsl:value-of select="@data-document"/></xsl:when>
        <xsl:otherwise>-</xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="td[@data-count]">
        <xsl:value-of select="concat($tab, normalize-space(.))"/>
      </xsl:for-each>
      <xsl:value-of select="$tab"/>
      <xsl:choose>
        <xsl:when test="td/span[@class='bar'][span[@class='bar-translated']]">bar</xsl:when>
        <xsl:otherwise>no-bar</xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="$tab"/>
      <xsl:choose>
        <xsl:when test="td[@data-state]"><xsl:value-of select="td/@data-state"/></xsl:when>
        <xsl:otherwise>-</xsl:otherwise>
      </xsl:choose>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
