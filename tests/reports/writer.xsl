<?xml version="1.0" encoding="UTF-8"?>
<!-- A stylesheet that tries to write a file: refused (security
     preferences), so no FO is written.  tests/reports/docbook.test. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:template match="/">
    <exsl:document href="l10n-test-written.txt" method="text">written</exsl:document>
    <root xmlns="http://www.w3.org/1999/XSL/Format"/>
  </xsl:template>
</xsl:stylesheet>
