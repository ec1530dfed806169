"""Prints, as one JSON object, what Airflow DAG files name of VOCLake, without importing Airflow.

Usage: python3 airflow_dag_facts.py DAG.py [DAG.py ...]

For each file (parsed with ast, never run):
  dags         the dag_id of every DAG(...) it builds (none for a module of shared constants);
  submits      the application_args of every call that passes them (SparkSubmitOperator), each
               evaluated to a list of strings, with its line;
  settings     every value given to java_class, application, properties_file or conn_id, as a
               keyword argument or a dict entry (default_args);
  config_keys  every voclake.* configuration key named in a string (docstrings included);
  errors       what could not be evaluated (an argument built at run time cannot be checked).
Values may refer to module-level constants, also those imported from a module beside the file
(from voclake_deployment import APP_JAR), and join strings with +; Jinja stays as written.
"""
import ast
import json
import os
import re
import sys

SETTINGS = ("java_class", "application", "properties_file", "conn_id")
CONFIG_KEY = re.compile(r"(?<![\w.])voclake\.[a-z][a-z0-9-]*(?:\.[a-z0-9_-]+)+")


class Unevaluable(Exception):
    pass


def evaluate(node, constants):
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float)):
        return node.value
    if isinstance(node, ast.Name) and node.id in constants:
        return evaluate(constants[node.id], constants)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return evaluate(node.left, constants) + evaluate(node.right, constants)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [evaluate(item, constants) for item in node.elts]
    raise Unevaluable(f"line {node.lineno}: cannot evaluate {ast.unparse(node)}")


def parse(path):
    with open(path, encoding="utf-8") as f:
        return ast.parse(f.read(), filename=path)


def module_constants(tree, folder):
    """Module-level NAME = value assignments, and the names imported from modules in folder."""
    constants = {}
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module \
                and os.path.isfile(os.path.join(folder, statement.module + ".py")):
            imported = module_constants(parse(os.path.join(folder, statement.module + ".py")), folder)
            for alias in statement.names:
                # Evaluated in its own module, where the names it refers to live.
                try:
                    value = evaluate(imported[alias.name], imported)
                    constants[alias.asname or alias.name] = ast.Constant(value, lineno=statement.lineno)
                except (KeyError, Unevaluable):
                    pass
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            constants[statement.targets[0].id] = statement.value
    return constants


def facts(path):
    tree = parse(path)
    constants = module_constants(tree, os.path.dirname(os.path.abspath(path)))
    out = {"file": path, "dags": [], "submits": [], "settings": {name: [] for name in SETTINGS},
           "config_keys": set(), "errors": []}

    def setting(name, value_node):
        try:
            out["settings"][name].append(evaluate(value_node, constants))
        except Unevaluable as e:
            out["errors"].append(f"{name}: {e}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "dag_id" and isinstance(node.func, ast.Name) and node.func.id == "DAG":
                    out["dags"].append(evaluate(keyword.value, constants))
                elif keyword.arg == "application_args":
                    try:
                        args = evaluate(keyword.value, constants)
                        out["submits"].append({"line": node.lineno, "application_args": [str(a) for a in args]})
                    except Unevaluable as e:
                        out["errors"].append(f"application_args: {e}")
                elif keyword.arg in SETTINGS:
                    setting(keyword.arg, keyword.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value in SETTINGS:
                    setting(key.value, value)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            out["config_keys"].update(k.rstrip(".") for k in CONFIG_KEY.findall(node.value))
    out["config_keys"] = sorted(out["config_keys"])
    return out


if __name__ == "__main__":
    print(json.dumps([facts(p) for p in sys.argv[1:]], ensure_ascii=False))
