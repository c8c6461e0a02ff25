"""Identifiers shared by the registry (accounts) and the quota engine: resident ID, 残疾人证号,
残疾军人证号 and 统一社会信用代码. Only a pure core lives here (``identifiers.core``); this
package file stays empty of imports so that other pure cores may import it."""
