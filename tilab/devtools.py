"""Development helpers called by the Makefile: the project-local PostgreSQL and a port check.

Standard library only: it runs before anything is configured, and every failure ends with
one clear French line on stderr and exit status 1, never a traceback.

    python -m tilab.devtools db-start     # initdb on first use, then start, create the database
    python -m tilab.devtools db-stop
    python -m tilab.devtools db-reset     # drop and recreate the local database (make reset)
    python -m tilab.devtools port-free 8000
"""

from __future__ import annotations

import glob
import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PG_DIR = BASE_DIR / "var" / "postgres"
DB_NAME = "tilab"
DB_USER = "tilab"
# When run as root, PostgreSQL must run as an unprivileged account: it refuses root.
SERVICE_USERS = ("postgres", "tilabpg")


class SetupError(Exception):
    """A setup problem the person can fix; its message is shown as one line."""


def fail(message: str) -> None:
    print(f"Erreur : {message}", file=sys.stderr)
    sys.exit(1)


def pg_bindir() -> Path:
    candidates: list[Path] = []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
            candidates.append(Path(out))
        except (OSError, subprocess.CalledProcessError):
            pass
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates.extend(Path(p) for p in versions)
    for candidate in candidates:
        if (candidate / "pg_ctl").exists() and (candidate / "initdb").exists():
            return candidate
    raise SetupError(
        "PostgreSQL (≥ 15) est introuvable : installez le paquet « postgresql » "
        "(apt-get install postgresql) ou définissez DATABASE_URL vers une base existante."
    )


def service_user() -> str | None:
    """The account PostgreSQL runs as: None when we are not root (we run it ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in SERVICE_USERS:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "tilabpg"],
        check=True,
    )
    return "tilabpg"


def as_user(user: str | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    return [runuser, "-u", user, "--", *argv]


def can_reach(user: str | None, path: Path) -> bool:
    if user is None:
        return True
    probe = subprocess.run(as_user(user, ["test", "-x", str(path)]), capture_output=True)
    return probe.returncode == 0


def prepare_dir(user: str | None) -> Path:
    """Create var/postgres, owned by the service account when we are root.

    Two cases put the data elsewhere, with var/postgres a symlink to it so the project still
    finds its database at the same place: the service account cannot walk down to the
    checkout (a clone under /root, say), or the checkout's path is so long that the socket's
    path would pass the 107 bytes a unix socket address can hold.
    """
    PG_DIR.parent.mkdir(parents=True, exist_ok=True)
    if not PG_DIR.exists() and not PG_DIR.is_symlink():
        socket_path = PG_DIR / ".s.PGSQL.5432"
        if can_reach(user, PG_DIR.parent) and len(str(socket_path).encode()) <= 100:
            PG_DIR.mkdir(mode=0o700)
        else:
            digest = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]
            if user is None:
                home = Path.home() / ".local" / "share" / "tilab-postgres"
            else:
                home = Path("/var/lib/tilab-postgres")
            real = home / digest
            real.mkdir(parents=True, exist_ok=True)
            if user is not None:
                home.chmod(0o755)
            PG_DIR.symlink_to(real, target_is_directory=True)
    real_dir = PG_DIR.resolve()
    if user is not None:
        info = pwd.getpwnam(user)
        os.chown(real_dir, info.pw_uid, info.pw_gid)
        real_dir.chmod(0o700)
    return real_dir


def run(argv: list[str], what: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        last = detail[-1] if detail else f"code {result.returncode}"
        raise SetupError(f"{what} a échoué : {last}")
    return result


def db_start() -> None:
    if os.environ.get("DATABASE_URL"):
        print("DATABASE_URL est défini : aucune base locale n'est démarrée.")
        return
    bindir = pg_bindir()
    user = service_user()
    real_dir = prepare_dir(user)
    data = real_dir / "data"
    socket_dir = real_dir
    if not (data / "PG_VERSION").exists():
        print(f"Création de la base PostgreSQL locale dans {PG_DIR}/ …")
        run(
            as_user(
                user,
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    DB_USER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
            ),
            "initdb",
        )
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# Ti Lab: project-local server, unix socket only (no TCP port).\n"
                "listen_addresses = ''\n"
                f"unix_socket_directories = '{socket_dir}'\n"
                "# A throwaway development database: durability traded for speed.\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
    status = subprocess.run(
        as_user(user, [str(bindir / "pg_ctl"), "-D", str(data), "status"]), capture_output=True
    )
    if status.returncode != 0:
        run(
            as_user(
                user,
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(real_dir / "server.log"),
                    "-w",
                    "-t",
                    "60",
                    "start",
                ],
            ),
            f"Le démarrage de PostgreSQL (journal : {PG_DIR}/server.log)",
        )
    psql = _psql(bindir, socket_dir)
    exists = run(
        [*psql, "-c", f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"],
        "La connexion à PostgreSQL",
    )
    if exists.stdout.strip() != "1":
        run([*psql, "-c", f'CREATE DATABASE "{DB_NAME}"'], "La création de la base")
    print(f"PostgreSQL local prêt (socket dans {PG_DIR}/).")


def _psql(bindir: Path, socket_dir: Path) -> list[str]:
    return [str(bindir / "psql"), "-h", str(socket_dir), "-U", DB_USER, "-d", "postgres", "-tAq"]


def db_reset() -> None:
    """Drop the local database and create it empty (``make reset``): for a database made by
    migrations that no longer exist. Never touches a DATABASE_URL database."""
    if os.environ.get("DATABASE_URL"):
        raise SetupError(
            "DATABASE_URL est défini : make reset ne vide que la base locale. Videz cette "
            "base vous-même (DROP SCHEMA public CASCADE; CREATE SCHEMA public;) puis relancez."
        )
    db_start()
    psql = _psql(pg_bindir(), PG_DIR.resolve())
    run([*psql, "-c", f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'], "La suppression")
    run([*psql, "-c", f'CREATE DATABASE "{DB_NAME}"'], "La création de la base")
    print("Base locale recréée, vide : make run la migre et recharge la démonstration.")


def db_stop() -> None:
    data = PG_DIR / "data"
    if not (data / "PG_VERSION").exists():
        print("Aucune base locale à arrêter.")
        return
    bindir = pg_bindir()
    user = service_user()
    status = subprocess.run(
        as_user(user, [str(bindir / "pg_ctl"), "-D", str(data.resolve()), "status"]),
        capture_output=True,
    )
    if status.returncode != 0:
        print("La base locale est déjà arrêtée.")
        return
    run(
        as_user(
            user, [str(bindir / "pg_ctl"), "-D", str(data.resolve()), "-w", "-m", "fast", "stop"]
        ),
        "L'arrêt de PostgreSQL",
    )
    print("Base locale arrêtée.")


def port_free(port_text: str) -> None:
    try:
        port = int(port_text)
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        raise SetupError(
            f"PORT doit être un numéro de port entre 1 et 65535, pas « {port_text} »."
        ) from None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise SetupError(
                f"le port {port} est déjà utilisé : arrêtez l'autre serveur "
                f"ou choisissez-en un autre, par exemple PORT=8123 make run."
            ) from None


def main(argv: list[str]) -> None:
    commands = {"db-start": db_start, "db-stop": db_stop, "db-reset": db_reset}
    try:
        if len(argv) == 2 and argv[0] == "port-free":
            port_free(argv[1])
        elif len(argv) == 1 and argv[0] in commands:
            commands[argv[0]]()
        else:
            fail("usage : python -m tilab.devtools db-start | db-stop | db-reset | port-free PORT")
    except SetupError as exc:
        fail(str(exc))
    except (OSError, subprocess.CalledProcessError) as exc:
        fail(str(exc))


if __name__ == "__main__":
    main(sys.argv[1:])
