<?xml version="1.0" encoding="UTF-8"?>
<!-- sitemap.xsl - the entries of a sitemap or sitemap index, one per line:
       url      loc
       alt      loc  hreflang  href
       sitemap  loc              (an index's files) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:variable name="tab" select="'&#9;'"/>
  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:template match="/">
    <xsl:for-each select="/sm:urlset/sm:url">
      <xsl:variable name="loc" select="normalize-space(sm:loc)"/>
      <xsl:value-of select="concat('url', $tab, $loc, $nl)"/>
      <xsl:for-each select="xhtml:link[@rel='alternate']">
        <xsl:value-of select="concat('alt', $tab, $loc, $tab, @hreflang, $tab, @href, $nl)"/>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="/sm:sitemapindex/sm:sitemap">
      <xsl:value-of select="concat('sitemap', $tab, normalize-space(sm:loc), $nl)"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
