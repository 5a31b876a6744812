"""A schema edit is structural when a migration must follow it: per framework, what the
schema declares counts, and comments, layout, behaviour and tool settings do not."""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest

from commitguard.migrations.structure import schema_differences, structural_change
from tests.helpers import Repo, run_commitguard


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """The text with each (old, new) replaced once; a fixture that drifts fails loudly."""
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


class Case(NamedTuple):
    preset: str
    path: str
    before: str | None
    after: str | None
    expected: tuple[str, ...] = ()
    name: str = ""


def params(cases: list[Case], *, undone: bool = False) -> list[object]:
    """The cases for `parametrize`, each named; undone: each the other way round."""
    if undone:
        return [
            pytest.param(case.preset, case.path, case.after, case.before, id=f"{case.name}-undone")
            for case in cases
        ]
    return [pytest.param(*case[:5], id=case.name) for case in cases]


# Prisma ---------------------------------------------------------------------------------

PRISMA = "prisma/schema.prisma"
SCHEMA_PRISMA = """\
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

/// A registered user
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?
  role      Role     @default(USER)
  posts     Post[]
  createdAt DateTime @default(now()) @map("created_at")

  @@map("users")
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String @db.VarChar(200)
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int

  @@index([authorId])
}

enum Role {
  USER
  ADMIN
}

type Address {
  street String
  city   String
}

view UserInfo {
  id    Int    @unique
  email String
}
"""
ONLY_SETTINGS_PRISMA = SCHEMA_PRISMA.split("/// A registered user")[0]

# Django ---------------------------------------------------------------------------------

DJANGO = "shop/models.py"
MODELS_PY = '''\
from django.db import models
from django.utils.translation import gettext_lazy as _

STATUS_CHOICES = [("draft", "Draft"), ("published", "Published")]
PAGE_SIZE = 20


def upload_to(instance, filename):
    return f"articles/{filename}"


class PublishedManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(status="published")


class Author(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField(unique=True)

    def __str__(self):
        return self.name


class Article(models.Model):
    """A piece of writing."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        OPINION = "opinion", _("Opinion")

    title = models.CharField(max_length=200, verbose_name="title")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="articles")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="draft")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    objects = models.Manager()

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["title"])]

    def __str__(self):
        return self.title

    @property
    def short_title(self):
        return self.title[:20]
'''
EMPTY_MODELS_PY = """\
from django.db import models

# Create your models here.
"""
# Bases the same file defines: one that brings fields, one that brings Meta, three that
# bring only behaviour (two of them models without fields of their own).
MIXINS = """

class StampedMixin:
    created = models.DateTimeField(auto_now_add=True)


class OrderedModel(models.Model):
    class Meta:
        abstract = True
        ordering = ["pk"]


class CableEnd(models.Model):
    class Meta:
        abstract = True

    def far_end(self):
        return None


class CloningMixin:
    clone_fields = ()

    def clone(self):
        return {name: getattr(self, name) for name in self.clone_fields}


class Named(models.Model):
    def label(self):
        return str(self)
"""
MIXINS_MODELS_PY = MODELS_PY + MIXINS
# A forms module named models.py: a ModelForm's Meta names its model, a model's cannot.
MODEL_FORMS_PY = """\
from django import forms

from shop.models import Author


class AuthorForm(forms.ModelForm):
    name = forms.CharField(max_length=100)

    class Meta:
        model = Author
        fields = ["name"]
"""

# SQLAlchemy -----------------------------------------------------------------------------

ALCHEMY = "app/models.py"
ALCHEMY_PY = '''\
from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    nickname: Mapped[str | None]
    orders: Mapped[list["Order"]] = relationship(back_populates="user")

    def greeting(self) -> str:
        """Say hello."""
        return f"Hello {self.email}"


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_user", "user_id"),)

    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"), nullable=False)
    user: Mapped[User] = relationship(back_populates="orders")


metadata = MetaData()

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("message", String(500)),
)
'''

# TypeORM, MikroORM, sequelize-typescript ------------------------------------------------

TYPEORM = "src/users/user.entity.ts"
USER_ENTITY = """\
import { Column, CreateDateColumn, Entity, Index, OneToMany } from "typeorm";
import { PrimaryGeneratedColumn } from "typeorm";
import { IsEmail, IsOptional } from "class-validator";
import { ApiProperty } from "@nestjs/swagger";
import { Exclude } from "class-transformer";
import { Photo } from "./photo.entity";

@Entity({ name: "users" })
@Index(["email"], { unique: true })
export class User {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ApiProperty()
  @IsEmail()
  @Column({ type: "varchar", length: 255 })
  email: string;

  @IsOptional()
  @Column({
    type: "varchar",
    nullable: true,
  })
  nickname?: string;

  @Exclude()
  @Column()
  password: string;

  // The photos, newest first.
  @OneToMany(() => Photo, (photo) => photo.user)
  photos: Photo[];

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;

  get displayName(): string {
    return this.nickname ?? this.email;
  }
}
"""
MIKRO = "src/books/book.entity.ts"
BOOK_ENTITY = """\
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from "@mikro-orm/core";
import { Author } from "./author.entity";

@Entity()
export class Book {
  @PrimaryKey()
  id!: number;

  @Property({ length: 120 })
  title!: string;

  @ManyToOne(() => Author)
  author!: Author;

  @Property({ onUpdate: () => new Date() })
  updatedAt = new Date();
}
"""
SEQUELIZE = "src/models/user.model.ts"
USER_MODEL = """\
import { AllowNull, BelongsTo, Column, DataType, Default, ForeignKey } from "sequelize-typescript";
import { Model, Table } from "sequelize-typescript";
import { Team } from "./team.model";

@Table({ tableName: "users", timestamps: true })
export class User extends Model {
  @AllowNull(false)
  @Column(DataType.STRING)
  declare email: string;

  @Default(true)
  @Column
  declare active: boolean;

  @ForeignKey(() => Team)
  @Column
  declare teamId: number;

  @BelongsTo(() => Team)
  declare team: Team;
}
"""

# Rails ----------------------------------------------------------------------------------

RAILS = "db/schema.rb"
SCHEMA_RB = """\
# This file is auto-generated from the current state of the database. Instead
# of editing this file, please use the migrations feature of Active Record to
# incrementally modify your database, and then regenerate this schema definition.

ActiveRecord::Schema[7.1].define(version: 2024_05_01_120000) do
  # These are extensions that must be enabled in order to support this database
  enable_extension "plpgsql"

  create_enum "order_status", ["pending", "paid", "shipped"]

  create_table "orders", force: :cascade do |t|
    t.bigint "user_id", null: false
    t.enum "status", default: "pending", null: false, enum_type: "order_status"
    t.decimal "total", precision: 10, scale: 2
    t.timestamps
    t.index ["user_id"], name: "index_orders_on_user_id"
  end

  create_table "users", force: :cascade do |t|
    t.string "email", default: "", null: false
    t.string "name"
    t.datetime "created_at", null: false
    t.datetime "updated_at", null: false
    t.index ["email"], name: "index_users_on_email", unique: true
  end

  add_foreign_key "orders", "users"
end
"""
SCHEMA_RB_VIEW = edit(
    SCHEMA_RB,
    (
        '  add_foreign_key "orders", "users"\n',
        '  add_foreign_key "orders", "users"\n\n'
        '  create_virtual_table "users_search", "fts5", ["name", "email"]\n\n'
        '  create_view "active_users", sql_definition: <<-SQL\n'
        "      SELECT users.id, users.email\n"
        "     FROM users\n"
        "    WHERE (users.active = true);\n"
        "  SQL\n",
    ),
)
EMPTY_SCHEMA_RB = """\
ActiveRecord::Schema[7.1].define(version: 0) do
end
"""
STRUCTURE = "db/structure.sql"
STRUCTURE_SQL = """\
\\restrict 8Jc4yq0Hh2SkbpWz

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    total numeric(10,2),
    note text DEFAULT '-- not a comment; really'::text
);

CREATE SEQUENCE public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    CACHE 1;

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

CREATE INDEX index_orders_on_user_id ON public.orders USING btree (user_id);

\\unrestrict 8Jc4yq0Hh2SkbpWz

SET search_path TO "$user", public;

INSERT INTO "schema_migrations" (version) VALUES
('20240501120000'),
('20240401090000');
"""
SUPABASE = "supabase/schemas/orders.sql"
SUPABASE_SQL = """\
create table if not exists public.orders (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id)
);

alter table public.orders enable row level security;

create policy "Owners read their orders" on public.orders
  for select using (auth.uid() = user_id);

create or replace function public.order_count() returns bigint
language sql as $$ select count(*) from public.orders; $$;
"""

# The other frameworks: the comment- and whitespace-insensitive compare ------------------

HASURA = "metadata/databases/default/tables/public_orders.yaml"
HASURA_YAML = """\
table:
  name: orders
  schema: public
object_relationships:
  - name: user
    using:
      foreign_key_constraint_on: user_id
"""
ATLAS = "schema.hcl"
ATLAS_HCL = """\
table "orders" {
  schema = schema.public
  column "id" {
    type = bigint
  }
}
"""


MANY_TO_MANY = "model A {\n  id Int @id\n  bs B[]\n}\n\nmodel B {\n  id Int @id\n  as A[]\n}\n"

STRUCTURAL = [
    # Prisma
    Case(
        "prisma",
        PRISMA,
        MANY_TO_MANY,
        edit(MANY_TO_MANY, ("  bs B[]\n", ""), ("  as A[]\n", "")),
        ("model `A`: many-to-many with `B` removed", "model `B`: many-to-many with `A` removed"),
        name="prisma-implicit-many-to-many-dropped",  # its join table `_AToB` goes
    ),
    Case(
        "prisma",
        PRISMA,
        "model A {\n  id Int @id\n}\n\nmodel B {\n  id Int @id\n}\n",
        'model A {\n  id Int @id\n  b B? @relation("AB")\n}\n\nmodel B {\n  id Int @id\n}\n',
        ("model `A`: relation to `B` added",),
        name="prisma-2-one-sided-relation",  # early Prisma 2 placed the key itself
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(
            SCHEMA_PRISMA,
            (
                "  authorId Int\n",
                "  authorId Int\n  editorId Int?\n"
                '  editor   User?  @relation("edits", fields: [editorId], references: [id])\n',
            ),
        ),
        (
            "model `Post`: field `editorId` added",
            "model `Post`: relation to `User` #2 added",
        ),
        name="prisma-second-relation-added",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("  name      String?\n", "  name      String?\n  phone String?\n")),
        ("model `User`: field `phone` added",),
        name="prisma-field-added",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("  name      String?\n", "")),
        ("model `User`: field `name` removed",),
        name="prisma-field-removed",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("name      String?", "name      String")),
        ("model `User`: field `name` changed",),
        name="prisma-field-made-required",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("@db.VarChar(200)", "@db.VarChar(100)")),
        ("model `Post`: field `title` changed",),
        name="prisma-native-type-changed",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("name      String?", "name      Int?")),
        ("model `User`: field `name` changed",),
        name="prisma-field-type",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("name      String?", "name      String? @unique")),
        ("model `User`: field `name` changed",),
        name="prisma-unique-added",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("@default(USER)", "@default(ADMIN)")),
        ("model `User`: field `role` changed",),
        name="prisma-default",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("references: [id])", "references: [id], onDelete: Cascade)")),
        ("model `Post`: relation to `User` changed",),
        name="prisma-relation",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("@db.VarChar(200)", "@db.VarChar(255)")),
        ("model `Post`: field `title` changed",),
        name="prisma-native-type",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ('@map("created_at")', '@map("created")')),
        ("model `User`: field `createdAt` changed",),
        name="prisma-field-map",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("  @@index([authorId])\n", "  @@index([authorId, title])\n")),
        (
            "model `Post`: attribute `@@index([authorId])` removed",
            "model `Post`: attribute `@@index([authorId,title])` added",
        ),
        name="prisma-index",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(
            SCHEMA_PRISMA, ('  @@map("users")\n', '  @@map("users")\n  @@unique([email, name])\n')
        ),
        ("model `User`: attribute `@@unique([email,name])` added",),
        name="prisma-block-unique",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ('  @@map("users")\n', "")),
        ('model `User`: attribute `@@map("users")` removed',),
        name="prisma-block-map",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ('  @@map("users")\n', '  @@map("users")\n  @@schema("auth")\n')),
        ('model `User`: attribute `@@schema("auth")` added',),
        name="prisma-block-schema",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("  ADMIN\n", "  ADMIN\n  MODERATOR\n")),
        ("enum `Role`: value `MODERATOR` added",),
        name="prisma-enum-value",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("enum Role {", "enum Status {\n  OPEN\n}\n\nenum Role {")),
        ("enum `Status` added",),
        name="prisma-enum-added",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("  city   String\n", "  city   String\n  zip    String?\n")),
        ("type `Address`: field `zip` added",),
        name="prisma-composite-type",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("  email String\n}", "  email String?\n}")),
        ("view `UserInfo`: field `email` changed",),
        name="prisma-view",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("model Post {", "model Article {"), ("Post[]", "Article[]")),
        ("model `Post` removed", "model `Article` added"),
        name="prisma-model-renamed",
    ),
    Case(
        "prisma",
        "prisma/schema/billing.prisma",
        None,
        SCHEMA_PRISMA,
        (
            "model `User` added",
            "model `Post` added",
            "enum `Role` added",
            "type `Address` added",
            "view `UserInfo` added",
        ),
        name="prisma-file-added",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        None,
        (
            "model `User` removed",
            "model `Post` removed",
            "enum `Role` removed",
            "type `Address` removed",
            "view `UserInfo` removed",
        ),
        name="prisma-file-deleted",
    ),
    # Django
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            (
                "    objects = models.Manager()\n",
                "    subtitle = models.CharField(max_length=200, blank=True)\n"
                "    objects = models.Manager()\n",
            ),
        ),
        ("model `Article`: field `subtitle` added",),
        name="django-field-added",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(MODELS_PY, ("    email = models.EmailField(unique=True)\n", "")),
        ("model `Author`: field `email` removed",),
        name="django-field-removed",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(MODELS_PY, ("max_length=100", "max_length=150")),
        ("model `Author`: field `name` changed",),
        name="django-max-length",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(MODELS_PY, ('verbose_name="title"', 'verbose_name="headline"')),
        ("model `Article`: field `title` changed",),
        name="django-verbose-name",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(MODELS_PY, ("(unique=True)", '(unique=True, help_text="Where we write")')),
        ("model `Author`: field `email` changed",),
        name="django-help-text",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(MODELS_PY, ('("published", "Published")]', '("published", "Published"), ("x", "X")]')),
        ("model `Article`: field `status` changed",),
        name="django-choices-constant",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY, ('_("Opinion")\n', '_("Opinion")\n        REVIEW = "review", _("Review")\n')
        ),
        ("model `Article`: field `kind` changed",),
        name="django-text-choices",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(MODELS_PY, ("models.CASCADE", "models.PROTECT")),
        ("model `Article`: field `author` changed",),
        name="django-on-delete",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(MODELS_PY, ('ordering = ["-id"]', 'ordering = ["title"]')),
        ("model `Article`: Meta option `ordering` changed",),
        name="django-meta-ordering",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY, ('ordering = ["-id"]', 'ordering = ["-id"]\n        db_table = "articles"')
        ),
        ("model `Article`: Meta option `db_table` added",),
        name="django-meta-db-table",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(
            MIXINS_MODELS_PY,
            ("class Author(models.Model):", "class Author(StampedMixin, models.Model):"),
        ),
        ("model `Author` changed",),
        name="django-base-local-mixin-with-fields",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(MIXINS_MODELS_PY, ("class Author(models.Model):", "class Author(OrderedModel):")),
        ("model `Author` changed",),
        name="django-base-local-abstract-meta",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(MIXINS_MODELS_PY, ('ordering = ["pk"]', 'ordering = ["pk"]\n        db_table = "x"')),
        ("abstract model `OrderedModel`: Meta option `db_table` added",),
        name="django-abstract-model-meta",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(
            MIXINS_MODELS_PY,
            (
                "class OrderedModel(models.Model):",
                "class OrderedModel(models.Model):\n    rank = models.IntegerField()",
            ),
        ),
        ("abstract model `OrderedModel`: field `rank` added",),
        name="django-abstract-model-field",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(MIXINS_MODELS_PY, ("abstract = True\n        ordering", "ordering")),
        ("model `OrderedModel` added",),
        name="django-abstract-model-made-concrete",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(
            MIXINS_MODELS_PY,
            ("class Author(models.Model):", "class Author(StampedMixin, models.Model):"),
            (
                "    def __str__(self):\n        return self.name\n",
                "    clone_fields = ('name', 'email')\n\n"
                "    def __str__(self):\n        return self.name\n",
            ),
        ),
        ("model `Author` changed",),
        name="django-base-with-fields-and-clone-fields",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        MODELS_PY + "\n\nclass Tag(models.Model):\n    name = models.SlugField(unique=True)\n",
        ("model `Tag` added",),
        name="django-model-added",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY + "\n\nclass Tag(models.Model):\n    name = models.SlugField(unique=True)\n",
        MODELS_PY,
        ("model `Tag` removed",),
        name="django-model-removed",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        MODELS_PY + "\n\nclass Draft(Article):\n    class Meta:\n        proxy = True\n",
        ("model `Draft` added",),
        name="django-proxy-model",
    ),
    Case(
        "django",
        "accounts/models.py",
        EMPTY_MODELS_PY,
        EMPTY_MODELS_PY.replace("# Create your models here.\n", "")
        + "from django.contrib.auth.models import AbstractUser\n\n\n"
        + "class User(AbstractUser):\n    pass\n",
        ("model `User` added",),
        name="django-custom-user",
    ),
    Case(
        "django",
        DJANGO,
        None,
        MODELS_PY,
        ("model `Author` added", "model `Article` added"),
        name="django-file-added",
    ),
    Case(
        "django",
        "shop/models/article.py",
        MODELS_PY,
        None,
        ("model `Author` removed", "model `Article` removed"),
        name="django-file-deleted",
    ),
    # SQLAlchemy
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ("    nickname:", "    age: Mapped[int | None]\n    nickname:")),
        ("model `User`: field `age` added",),
        name="sqlalchemy-bare-mapped-added",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ("nickname: Mapped[str | None]", "nickname: Mapped[str]")),
        ("model `User`: field `nickname` changed",),
        name="sqlalchemy-nullability",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ("String(255)", "String(320)")),
        ("model `User`: field `email` changed",),
        name="sqlalchemy-mapped-column",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ("nullable=False", "nullable=True")),
        ("model `Order`: field `user_id` changed",),
        name="sqlalchemy-column",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ('back_populates="user"', 'back_populates="buyer"')),
        ("model `User`: field `orders` changed",),
        name="sqlalchemy-relationship",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ('__tablename__ = "orders"', '__tablename__ = "purchases"')),
        ("model `Order`: `__tablename__` changed",),
        name="sqlalchemy-tablename",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ('"user_id"),)', '"user_id", unique=True),)')),
        ("model `Order`: `__table_args__` changed",),
        name="sqlalchemy-table-args",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ("String(500)", "String(1000)")),
        ("table `audit_log` changed",),
        name="sqlalchemy-core-table",
    ),
    Case(
        "alembic",
        ALCHEMY,
        None,
        ALCHEMY_PY,
        (
            "model `Base` added",
            "model `User` added",
            "model `Order` added",
            "table `audit_log` added",
        ),
        name="sqlalchemy-file-added",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        None,
        (
            "model `Base` removed",
            "model `User` removed",
            "model `Order` removed",
            "table `audit_log` removed",
        ),
        name="sqlalchemy-file-deleted",
    ),
    # TypeORM
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY,
            ("  @Exclude()\n", "  @Column({ nullable: true })\n  age?: number;\n\n  @Exclude()\n"),
        ),
        ("entity `User`: property `age` added",),
        name="typeorm-column-added",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(USER_ENTITY, ("length: 255", "length: 320")),
        ("entity `User`: property `email` changed",),
        name="typeorm-column-option",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(USER_ENTITY, ("    nullable: true,\n", "    nullable: false,\n")),
        ("entity `User`: property `nickname` changed",),
        name="typeorm-multi-line-column",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(USER_ENTITY, ("nickname?: string;", "nickname?: number;")),
        ("entity `User`: property `nickname` changed",),
        name="typeorm-property-type",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(USER_ENTITY, ("  @Exclude()\n  @Column()\n", "  @Exclude()\n")),
        ("entity `User`: property `password` removed",),
        name="typeorm-last-column-decorator-removed",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(USER_ENTITY, ('@Entity({ name: "users" })', '@Entity({ name: "accounts" })')),
        ("entity `User` changed",),
        name="typeorm-entity-options",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(USER_ENTITY, ("{ unique: true })", "{ unique: false })")),
        ("entity `User` changed",),
        name="typeorm-class-index",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY,
            (
                "  photos: Photo[];\n",
                "  photos: Photo[];\n\n  @ManyToOne(() => Team)\n  @JoinColumn()\n  team: Team;\n",
            ),
        ),
        ("entity `User`: property `team` added",),
        name="typeorm-relation-added",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY, ('  @CreateDateColumn({ name: "created_at" })\n  createdAt: Date;\n', "")
        ),
        ("entity `User`: property `createdAt` removed",),
        name="typeorm-column-removed",
    ),
    Case(
        "typeorm",
        "src/audit/audit.entity.ts",
        None,
        USER_ENTITY,
        ("entity `User` added",),
        name="typeorm-file-added",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        None,
        ("entity `User` removed",),
        name="typeorm-file-deleted",
    ),
    # MikroORM
    Case(
        "typeorm",
        MIKRO,
        BOOK_ENTITY,
        edit(BOOK_ENTITY, ("length: 120", "length: 200")),
        ("entity `Book`: property `title` changed",),
        name="mikroorm-property",
    ),
    Case(
        "typeorm",
        MIKRO,
        BOOK_ENTITY,
        edit(
            BOOK_ENTITY,
            ("  @ManyToOne", "  @Enum(() => BookStatus)\n  status!: BookStatus;\n\n  @ManyToOne"),
        ),
        ("entity `Book`: property `status` added",),
        name="mikroorm-enum-added",
    ),
    Case(
        "mikro-orm",
        "src/books/book.entity.js",
        BOOK_ENTITY,
        edit(BOOK_ENTITY, ("@Entity()", '@Entity({ tableName: "books" })')),
        ("entity `Book` changed",),
        name="mikroorm-table-name",
    ),
    # sequelize-typescript
    Case(
        "sequelize",
        SEQUELIZE,
        USER_MODEL,
        edit(USER_MODEL, ("@Default(true)", "@Default(false)")),
        ("entity `User`: property `active` changed",),
        name="sequelize-default",
    ),
    Case(
        "sequelize",
        SEQUELIZE,
        USER_MODEL,
        edit(USER_MODEL, ("  @ForeignKey", "  @AllowNull(false)\n  @ForeignKey")),
        ("entity `User`: property `teamId` changed",),
        name="sequelize-allow-null",
    ),
    Case(
        "sequelize",
        SEQUELIZE,
        USER_MODEL,
        edit(USER_MODEL, ("timestamps: true", "timestamps: false")),
        ("entity `User` changed",),
        name="sequelize-table",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY,
            (
                "  @CreateDateColumn",
                '  @ORM.Column({ default: "en" })\n  locale: string;\n\n  @CreateDateColumn',
            ),
        ),
        ("entity `User`: property `locale` added",),
        name="typeorm-namespaced-decorator",
    ),
    # Rails
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ('    t.string "name"\n', '    t.string "name"\n    t.string "phone"\n')),
        ("table `users`: column `phone` added",),
        name="rails-column-added",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ('t.string "name"', 't.text "name"')),
        ("table `users`: column `name` changed",),
        name="rails-column-type",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ('default: "pending"', 'default: "paid"')),
        ("table `orders`: column `status` changed",),
        name="rails-column-default",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ('    t.decimal "total", precision: 10, scale: 2\n', "")),
        ("table `orders`: column `total` removed",),
        name="rails-column-removed",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ("    t.timestamps\n", "")),
        ("table `orders`: timestamps removed",),
        name="rails-timestamps",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(
            SCHEMA_RB,
            ("unique: true\n", 'unique: true\n    t.index ["name"], name: "index_users_on_name"\n'),
        ),
        ("table `users`: index `index_users_on_name` added",),
        name="rails-index-added",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ('"index_users_on_email", unique: true', '"index_users_on_email"')),
        ("table `users`: index `index_users_on_email` changed",),
        name="rails-index-unique",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(
            SCHEMA_RB,
            (
                "  add_foreign_key",
                '  create_table "tags", force: :cascade do |t|\n'
                '    t.string "name"\n  end\n\n  add_foreign_key',
            ),
        ),
        ("table `tags` added",),
        name="rails-table-added",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(
            SCHEMA_RB,
            (
                'create_table "orders", force: :cascade',
                'create_table "orders", id: :uuid, force: :cascade',
            ),
        ),
        ("table `orders` changed",),
        name="rails-table-options",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ('"paid", "shipped"]', '"paid", "shipped", "refunded"]')),
        ("enum `order_status` changed",),
        name="rails-enum",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(
            SCHEMA_RB,
            (
                'enable_extension "plpgsql"',
                'enable_extension "pgcrypto"\n  enable_extension "plpgsql"',
            ),
        ),
        ("extension `pgcrypto` added",),
        name="rails-extension",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(
            SCHEMA_RB,
            (
                'add_foreign_key "orders", "users"',
                'add_foreign_key "orders", "users", on_delete: :cascade',
            ),
        ),
        (
            'table `orders`: `add_foreign_key "orders", "users"` removed',
            'table `orders`: `add_foreign_key "orders", "users", on_delete: : cascade` added',
        ),
        name="rails-foreign-key",
    ),
    Case(
        "rails",
        RAILS,
        EMPTY_SCHEMA_RB,
        SCHEMA_RB,
        (
            "extension `plpgsql` added",
            "enum `order_status` added",
            "table `orders` added",
            "table `users` added",
        ),
        name="rails-first-tables",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        None,
        (
            "extension `plpgsql` removed",
            "enum `order_status` removed",
            "table `orders` removed",
            "table `users` removed",
        ),
        name="rails-file-deleted",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB_VIEW,
        edit(SCHEMA_RB_VIEW, ("WHERE (users.active = true);", "WHERE (users.active);")),
        ("view `active_users` changed",),
        name="rails-view-heredoc",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB_VIEW,
        edit(SCHEMA_RB_VIEW, ('["name", "email"]', '["name", "email", "bio"]')),
        (
            '`create_virtual_table "users_search", "fts5", ["name", "email"]` removed',
            '`create_virtual_table "users_search", "fts5", ["name", "email", "bio"]` added',
        ),
        name="rails-other-statement",
    ),
    # SQL schemas
    Case(
        "rails",
        STRUCTURE,
        STRUCTURE_SQL,
        edit(STRUCTURE_SQL, ("    total numeric(10,2),\n", "    total numeric(12,2),\n")),
        ("table `public.orders` changed",),
        name="structure-sql-column",
    ),
    Case(
        "rails",
        STRUCTURE,
        STRUCTURE_SQL,
        edit(STRUCTURE_SQL, ("'-- not a comment; really'", "'-- not a comment; truly'")),
        ("table `public.orders` changed",),
        name="structure-sql-comment-in-a-string",
    ),
    Case(
        "rails",
        STRUCTURE,
        STRUCTURE_SQL,
        edit(
            STRUCTURE_SQL,
            (
                "\n\\unrestrict",
                "\nCREATE INDEX index_orders_on_total ON public.orders USING btree (total);\n\n"
                "\\unrestrict",
            ),
        ),
        ("index `index_orders_on_total` added",),
        name="structure-sql-index",
    ),
    Case(
        "rails",
        STRUCTURE,
        STRUCTURE_SQL,
        edit(STRUCTURE_SQL, ("PRIMARY KEY (id)", "PRIMARY KEY (id, user_id)")),
        (
            "table `public.orders`: `alter table only public.orders add constraint orders_pkey"
            " primary key (id)` removed",
            "table `public.orders`: `alter table only public.orders add constraint orders_pkey"
            " primary key (id, user_id)` added",
        ),
        name="structure-sql-constraint",
    ),
    Case(
        "supabase",
        SUPABASE,
        SUPABASE_SQL,
        edit(SUPABASE_SQL, ("auth.uid() = user_id", "auth.uid() = user_id or true")),
        ('policy `"Owners read their orders"` changed',),
        name="supabase-policy",
    ),
    Case(
        "supabase",
        SUPABASE,
        SUPABASE_SQL,
        edit(SUPABASE_SQL, ("select count(*)", "select count(id)")),
        ("function `public.order_count` changed",),
        name="supabase-function-body",
    ),
    Case(
        "supabase",
        SUPABASE,
        None,
        SUPABASE_SQL,
        (
            "table `public.orders` added",
            'policy `"Owners read their orders"` added',
            "function `public.order_count` added",
        ),
        name="supabase-file-added",
    ),
    # Everything else
    Case(
        "hasura",
        HASURA,
        HASURA_YAML,
        edit(HASURA_YAML, ("user_id", "owner_id")),
        (f"`{HASURA}` changed",),
        name="hasura-naive",
    ),
    Case(
        "atlas",
        ATLAS,
        None,
        ATLAS_HCL,
        (f"`{ATLAS}` added",),
        name="atlas-added",
    ),
    Case(
        "atlas",
        ATLAS,
        ATLAS_HCL,
        None,
        (f"`{ATLAS}` removed",),
        name="atlas-deleted",
    ),
    Case(
        "typeorm",
        "src/users/user.schema.ts",
        'export const UserSchema = new EntitySchema({ name: "user", columns: {} });\n',
        'export const UserSchema = new EntitySchema({ name: "users", columns: {} });\n',
        ("`src/users/user.schema.ts` changed",),
        name="typeorm-entity-schema-naive",
    ),
]

NOT_STRUCTURAL = [
    # Prisma
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(
            SCHEMA_PRISMA,
            ("datasource db {", "datasource pg {"),
            ("@db.VarChar(200)", "@pg.VarChar(200)"),
        ),
        name="prisma-datasource-renamed",  # native types are named through it
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(
            SCHEMA_PRISMA,
            (
                'DateTime @default(now()) @map("created_at")',
                'DateTime @map("created_at") @default(now())',
            ),
        ),
        name="prisma-attributes-reordered",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(
            SCHEMA_PRISMA,
            ("  author   User   @relation", "  writer   User   @relation"),
            ("  posts     Post[]", "  articles  Post[]"),
        ),
        name="prisma-relation-fields-renamed",  # no column: the scalar `authorId` is one
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("  posts     Post[]\n", "")),
        name="prisma-back-relation-removed",  # the key is `Post.authorId`'s, unchanged
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("author   User   @relation", "author   User?  @relation")),
        name="prisma-relation-made-optional-alone",  # `authorId Int` stays NOT NULL
    ),
    Case(
        "prisma",
        PRISMA,
        "model Org {\n  id Int @id\n}\n\nmodel Project {\n  id Int @id\n  org Org\n}\n",
        "model Org {\n  id Int @id\n  projects Project[]\n}\n\n"
        "model Project {\n  id Int @id\n  org Org\n}\n",
        name="prisma-2-back-relation-added",  # early Prisma 2: the single side holds the key
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(
            SCHEMA_PRISMA,
            (
                'provider = "prisma-client-js"',
                'provider = "prisma-client-js"\n  output = "../generated"',
            ),
        ),
        name="prisma-generator",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ('env("DATABASE_URL")', 'env("POSTGRES_URL")')),
        name="prisma-datasource",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(
            SCHEMA_PRISMA,
            ("/// A registered user\n", "/// Someone who signed up\n// See docs/users.md\n"),
            ("  name      String?\n", "  name      String? // shown on the profile\n"),
        ),
        name="prisma-comments",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(SCHEMA_PRISMA, ("  email     String   @unique\n", "  email String @unique\n\n\n")),
        name="prisma-format",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        edit(
            SCHEMA_PRISMA,
            (
                "  email     String   @unique\n  name      String?\n",
                "  name      String?\n  email     String   @unique\n",
            ),
        ),
        name="prisma-field-order",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        "enum Role {\n  USER\n  ADMIN\n}\n\n"
        + SCHEMA_PRISMA.replace("enum Role {\n  USER\n  ADMIN\n}\n", ""),
        name="prisma-block-order",
    ),
    Case("prisma", PRISMA, None, ONLY_SETTINGS_PRISMA, name="prisma-settings-file-added"),
    Case("prisma", PRISMA, ONLY_SETTINGS_PRISMA, None, name="prisma-settings-file-deleted"),
    # Django
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            ("        return self.title\n", '        return f"{self.title} ({self.author})"\n'),
        ),
        name="django-str",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            (
                "        return self.title[:20]\n",
                "        return self.title[:30]\n\n    @property\n    def is_long(self):\n"
                "        return len(self.title) > 80\n",
            ),
        ),
        name="django-properties",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY, ('filter(status="published")', 'filter(status="published").order_by("-id")')
        ),
        name="django-manager-method",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            (
                "    objects = models.Manager()\n",
                "    objects = models.Manager()\n    published = PublishedManager()\n",
            ),
        ),
        name="django-manager-added",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            (
                "from django.db import models\n",
                "from django.conf import settings\nfrom django.db import models\n",
            ),
            ('"""A piece of writing."""', '"""A piece of writing, with its author."""'),
            (
                "    name = models.CharField(max_length=100)\n",
                "    # The name shown on the byline.\n"
                "    name = models.CharField(max_length=100)\n",
            ),
        ),
        name="django-imports-docstrings-comments",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            ("PAGE_SIZE = 20", "PAGE_SIZE = 50\nmodels.signals.ready = True"),
            ('return f"articles/{filename}"', 'return f"uploads/{filename}"'),
            (
                '    """A piece of writing."""\n',
                '    """A piece of writing."""\n\n    FEED_SIZE = 10\n',
            ),
        ),
        name="django-constants-and-functions",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            (
                "    author = models.ForeignKey("
                'Author, on_delete=models.CASCADE, related_name="articles")\n',
                "    author = models.ForeignKey(\n        Author,\n"
                "        on_delete=models.CASCADE,\n        related_name='articles',\n    )\n",
            ),
        ),
        name="django-black-and-quotes",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        MODELS_PY + "\n\nclass ArticleQuerySet:\n    def recent(self):\n        return self\n",
        name="django-plain-class",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(
            MIXINS_MODELS_PY,
            ("class Author(models.Model):", "class Author(CloningMixin, models.Model):"),
            (
                "    def __str__(self):\n        return self.name\n",
                "    clone_fields = ('name', 'email')\n\n"
                "    def __str__(self):\n        return self.name\n",
            ),
        ),
        name="django-base-local-mixin-without-fields",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(
            MIXINS_MODELS_PY,
            ("class Author(models.Model):", "class Author(CableEnd, models.Model):"),
        ),
        name="django-base-local-abstract-without-fields",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(
            MIXINS_MODELS_PY,
            ("class Author(models.Model):", "class Author(CloningMixin, TimeStampedModel):"),
            ("class Named(models.Model):", "class Named(TimeStampedModel):"),
        ),
        name="django-base-imported-model",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(
            MIXINS_MODELS_PY,
            ("class OrderedModel(models.Model):", "class PositionedModel(models.Model):"),
        ),
        name="django-unused-abstract-model-renamed",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            (
                "    objects = models.Manager()\n",
                "    objects = models.Manager()\n"
                '    notes = GenericRelation("notes.Note", related_query_name="article")\n',
            ),
        ),
        name="django-generic-relation",
    ),
    Case(
        "django",
        "shop/forms/models.py",
        MODEL_FORMS_PY,
        edit(
            MODEL_FORMS_PY,
            (
                "    class Meta:\n",
                "    nickname = forms.CharField(required=False)\n\n    class Meta:\n",
            ),
            ('fields = ["name"]', 'fields = ["name", "email", "nickname"]'),
        ),
        name="django-model-form-in-a-models-file",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            ("(models.Model):\n    name", "(ExportMixin, CloningMixin, models.Model):\n    name"),
        ),
        name="django-base-imported-mixin",
    ),
    Case(
        "django",
        DJANGO,
        edit(MODELS_PY, ("Author(models.Model):", "Author(ExportMixin, models.Model):")),
        edit(MODELS_PY, ("Author(models.Model):", "Author(models.Model, ExportMixin):")),
        name="django-base-order",
    ),
    Case(
        "django",
        DJANGO,
        MIXINS_MODELS_PY,
        edit(MIXINS_MODELS_PY, ("class Author(models.Model):", "class Author(Named):")),
        name="django-base-local-model-without-fields",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        edit(
            MODELS_PY,
            (
                "    objects = models.Manager()\n",
                "    objects = models.Manager()\n"
                '    clone_fields = ("title", "author", "status")\n'
                "    exported = tuple(sorted(clone_fields))\n"
                '    icon = "article"\n'
                '    label = _("Article")\n'
                "    heading = property(lambda self: self.title.upper())\n"
                "    drafts = ArticleQuerySet.as_manager()\n",
            ),
        ),
        name="django-class-attributes-not-fields",
    ),
    Case("django", "blog/models.py", None, EMPTY_MODELS_PY, name="django-empty-models-added"),
    Case(
        "django",
        "blog/models.py",
        EMPTY_MODELS_PY,
        EMPTY_MODELS_PY + "# Models come in the next sprint.\n",
        name="django-empty-models-edited",
    ),
    Case("django", "blog/models.py", EMPTY_MODELS_PY, None, name="django-empty-models-deleted"),
    # SQLAlchemy
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(
            ALCHEMY_PY,
            ('return f"Hello {self.email}"', 'return f"Hi {self.email}"'),
            ('"""Say hello."""', '"""Greet the user."""'),
        ),
        name="sqlalchemy-method",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        edit(ALCHEMY_PY, ("from sqlalchemy import", "import logging\n\nfrom sqlalchemy import")),
        name="sqlalchemy-import",
    ),
    # TypeORM, MikroORM, sequelize-typescript
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY,
            (
                "  @ApiProperty()\n",
                '  @ApiProperty({ description: "Where we write", example: "a@b.c" })\n',
            ),
            (
                "  @Exclude()\n",
                "  @Exclude()\n  @IsString()\n  @Transform(({ value }) => value.trim())\n",
            ),
        ),
        name="typeorm-validation-and-docs",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY,
            ("@Entity(", "@ObjectType()\n@Entity("),
            ("  @PrimaryGeneratedColumn", "  @Field(() => ID)\n  @PrimaryGeneratedColumn"),
        ),
        name="typeorm-graphql",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY,
            (
                "  photos: Photo[];\n",
                "  photos: Photo[];\n\n  @RelationId((user: User) => user.photos)\n"
                "  photoIds: string[];\n",
            ),
        ),
        name="typeorm-relation-id",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY,
            (
                'import { Photo } from "./photo.entity";\n',
                'import { Photo } from "../photos/photo.entity";\n',
            ),
            ("  // The photos, newest first.\n", "  /* The photos,\n     oldest first. */\n"),
            ("this.nickname ?? this.email", "this.nickname || this.email"),
        ),
        name="typeorm-imports-comments-getter",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY,
            (
                '  @Column({\n    type: "varchar",\n    nullable: true,\n  })\n',
                "  @Column({ type: 'varchar', nullable: true })\n",
            ),
        ),
        name="typeorm-layout-quotes-trailing-comma",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        USER_ENTITY + "\nexport class CreateUserDto {\n  @IsEmail()\n  email: string;\n}\n",
        name="typeorm-dto-in-the-same-file",
    ),
    Case(
        "typeorm",
        MIKRO,
        BOOK_ENTITY,
        edit(
            BOOK_ENTITY,
            (
                "  @ManyToOne(() => Author)\n  author!: Author;\n",
                "  @ManyToOne(() => Author)\n  author!: Author;\n\n  toString() {\n"
                "    return this.title;\n  }\n",
            ),
        ),
        name="mikroorm-method",
    ),
    Case(
        "typeorm",
        MIKRO,
        BOOK_ENTITY,
        edit(
            BOOK_ENTITY,
            (
                "  @ManyToOne",
                "  @Property({ persist: false })\n  get label(): string {\n"
                "    return this.title;\n  }\n\n  @ManyToOne",
            ),
        ),
        name="mikroorm-decorated-getter",
    ),
    Case(
        "sequelize",
        SEQUELIZE,
        USER_MODEL,
        edit(
            USER_MODEL,
            (
                "  @BelongsTo(() => Team)\n",
                "  // The team this user plays for.\n  @BelongsTo(() => Team)\n",
            ),
        ),
        name="sequelize-comment",
    ),
    # Rails
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ("version: 2024_05_01_120000", "version: 2024_06_02_080000")),
        name="rails-version-only",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(
            SCHEMA_RB,
            (
                "Schema[7.1].define(version: 2024_05_01_120000)",
                "Schema[7.2].define(version: 2024_06_02_080000)",
            ),
        ),
        name="rails-upgrade",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(
            SCHEMA_RB,
            (
                "  # These are extensions",
                "\n\n  # Extensions (edited by hand)\n  # These are extensions",
            ),
            ('    t.string "name"\n', '    t.string "name" # the display name\n'),
        ),
        name="rails-comments-and-blank-lines",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(
            SCHEMA_RB,
            (
                '    t.string "email", default: "", null: false\n    t.string "name"\n',
                '    t.string "name"\n    t.string "email", default: "", null: false\n',
            ),
        ),
        name="rails-column-order",
    ),
    Case("rails", RAILS, None, EMPTY_SCHEMA_RB, name="rails-empty-schema-added"),
    Case(
        "rails",
        STRUCTURE,
        STRUCTURE_SQL,
        edit(
            STRUCTURE_SQL,
            ("('20240501120000'),", "('20240601080000'),\n('20240501120000'),"),
            ("\\restrict 8Jc4yq0Hh2SkbpWz", "\\restrict Qm3XkT0aBzRr9vYw"),
            ("\\unrestrict 8Jc4yq0Hh2SkbpWz", "\\unrestrict Qm3XkT0aBzRr9vYw"),
            (
                "SET lock_timeout = 0;",
                "SET lock_timeout = 0;\nSET idle_in_transaction_session_timeout = 0;",
            ),
            ("set_config('search_path', '', false)", "set_config('search_path', 'public', false)"),
        ),
        name="structure-sql-noise",
    ),
    Case(
        "rails",
        STRUCTURE,
        STRUCTURE_SQL,
        edit(
            STRUCTURE_SQL,
            (
                "-- Name: orders; Type: TABLE; Schema: public; Owner: -\n",
                "-- Name: orders; Type: TABLE; Schema: public; Owner: app\n",
            ),
            (
                "    user_id bigint NOT NULL,\n",
                "    user_id   bigint    NOT NULL, /* the buyer */\n",
            ),
        ),
        name="structure-sql-comments-and-space",
    ),
    Case(
        "supabase",
        SUPABASE,
        SUPABASE_SQL,
        SUPABASE_SQL.split("\n\n", 1)[1] + "\n" + SUPABASE_SQL.split("\n\n", 1)[0] + "\n",
        name="supabase-statement-order",
    ),
    # Everything else
    Case(
        "hasura",
        HASURA,
        HASURA_YAML,
        "# Orders placed in the shop.\n" + HASURA_YAML,
        name="hasura-comment",
    ),
    Case(
        "configured",
        "schema/schema.graphql",
        "type Order {\n  id: ID!\n}\n",
        "type Order {\n    id: ID!\n}\n",
        name="configured-whitespace",
    ),
    Case(
        "atlas",
        ATLAS,
        ATLAS_HCL,
        "// Orders, one per checkout.\n"
        + ATLAS_HCL.replace("    type = bigint", "  type   =   bigint"),
        name="atlas-comment-and-layout",
    ),
]


@pytest.mark.parametrize(("preset", "path", "before", "after", "expected"), params(STRUCTURAL))
def test_a_structural_change_is_named(
    preset: str, path: str, before: str | None, after: str | None, expected: tuple[str, ...]
) -> None:
    assert schema_differences(preset, path, before, after) == expected
    assert structural_change(preset, path, before, after)


@pytest.mark.parametrize(("preset", "path", "before", "after"), params(STRUCTURAL, undone=True))
def test_undoing_a_structural_change_is_structural(
    preset: str, path: str, before: str | None, after: str | None
) -> None:
    assert structural_change(preset, path, before, after)


@pytest.mark.parametrize(("preset", "path", "before", "after", "expected"), params(NOT_STRUCTURAL))
def test_an_edit_that_no_migration_follows_is_not_structural(
    preset: str, path: str, before: str | None, after: str | None, expected: tuple[str, ...]
) -> None:
    assert schema_differences(preset, path, before, after) == expected == ()
    assert not structural_change(preset, path, before, after)


# Hostile input: never an exception; what no reader can take gets the naive compare ------

HUGE = "x" * 2_000_000
DOLLARS = "".join(f"$q{n}$ " for n in range(20_000))
HOSTILE = [
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        "\x00\xff\xfe" * 1000 + MODELS_PY,
        (f"`{DJANGO}` changed",),
        "python-binary-junk",
    ),
    Case(
        "alembic",
        ALCHEMY,
        ALCHEMY_PY,
        ALCHEMY_PY + "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n",
        (f"`{ALCHEMY}` changed",),
        "python-deep-nesting",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        MODELS_PY + "\nclass Broken(models.Model:\n    name = models.CharField(\n",
        (f"`{DJANGO}` changed",),
        "python-syntax-error",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        edit(
            USER_ENTITY, ('@Column({ type: "varchar", length: 255 })', '@Column({ type: "varchar"')
        ),
        (f"`{TYPEORM}` changed",),
        "typescript-unbalanced-decorator",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        USER_ENTITY + "\n\x00\x01 @Column(" + "{" * 50_000 + "\n",
        (f"`{TYPEORM}` changed",),
        "typescript-junk-and-open-braces",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        SCHEMA_PRISMA + "model Broken {\n  id Int @id\n",
        (f"`{PRISMA}` changed",),
        "prisma-unclosed-block",
    ),
    Case(
        "prisma",
        PRISMA,
        SCHEMA_PRISMA,
        SCHEMA_PRISMA + "\x89PNG\r\n\x1a\n\x00\x00",
        (f"`{PRISMA}` changed",),
        "prisma-binary-junk",
    ),
    Case(
        "rails",
        RAILS,
        SCHEMA_RB,
        edit(SCHEMA_RB, ('t.string "name"', "t.string \"name, default: 'x")),
        (
            "table `users`: column `name` removed",
            "table `users`: column `\" name, default: ' x` added",
        ),
        "rails-unclosed-string",
    ),
    Case(
        "rails",
        STRUCTURE,
        STRUCTURE_SQL,
        STRUCTURE_SQL + "CREATE TABLE public.notes (body text DEFAULT 'oops);\n/* never closed",
        ("table `public.notes` added",),
        "sql-unclosed-string-and-comment",
    ),
    Case(
        "supabase",
        SUPABASE,
        SUPABASE_SQL,
        SUPABASE_SQL + "create function f() returns int as $body$ select 1;\n",
        ("function `f` added",),
        "sql-unclosed-dollar-quote",
    ),
    Case(
        "typeorm",
        TYPEORM,
        USER_ENTITY,
        USER_ENTITY + "/* " * 20_000,
        (),
        "block-comments-that-never-close",
    ),
    Case(
        "configured",
        "schema/schema.graphql",
        "type Order { id: ID! }\n",
        "type Order { id: ID! }\n" + "/* " * 20_000,
        (),
        "block-comments-that-never-close-naive",
    ),
    Case(
        "supabase",
        SUPABASE,
        SUPABASE_SQL,
        SUPABASE_SQL + DOLLARS,
        (f"`{DOLLARS[:97]}…` added",),
        "dollar-quotes-that-never-close",
    ),
    Case(
        "prisma",
        PRISMA,
        None,
        "\x00" * 5_000_000,
        (f"`{PRISMA}` added",),
        "too-big-to-read",
    ),
]
# A two-megabyte comment on one line changes nothing, in every reader.
HUGE_COMMENTS = [
    Case("prisma", PRISMA, SCHEMA_PRISMA, f"// {HUGE}\n{SCHEMA_PRISMA}", (), "prisma"),
    Case("django", DJANGO, MODELS_PY, f"# {HUGE}\n{MODELS_PY}", (), "python"),
    Case("typeorm", TYPEORM, USER_ENTITY, f"/* {HUGE} */\n{USER_ENTITY}", (), "typescript"),
    Case("rails", RAILS, SCHEMA_RB, f"# {HUGE}\n{SCHEMA_RB}", (), "rails"),
    Case("rails", STRUCTURE, STRUCTURE_SQL, f"-- {HUGE}\n{STRUCTURE_SQL}", (), "sql"),
]


@pytest.mark.parametrize(
    ("preset", "path", "before", "after", "expected"), params(HOSTILE + HUGE_COMMENTS)
)
def test_hostile_input_is_compared_without_an_exception(
    preset: str, path: str, before: str | None, after: str | None, expected: tuple[str, ...]
) -> None:
    assert schema_differences(preset, path, before, after) == expected


def test_a_long_statement_is_named_short() -> None:
    limit = " and total < 1000000" * 10
    check = f'add_check_constraint "orders", "total >= 0{limit}", name: "total_range"'
    after = edit(SCHEMA_RB, ("  add_foreign_key", f"  {check}\n  add_foreign_key"))
    (difference,) = schema_differences("rails", RAILS, SCHEMA_RB, after)
    assert difference.startswith('table `orders`: `add_check_constraint "orders", "total >= 0')
    assert difference.endswith("…` added")
    assert len(difference) == len("table `orders`: ") + 100 + len(" added")


# Files as big as real ones: 5,000 lines, one change found among them --------------------


def many_prisma_models(count: int) -> str:
    return "".join(
        f"model Thing{n} {{\n  id Int @id\n  name String\n  size Int @default({n})\n"
        f"  owner User @relation(fields: [ownerId], references: [id])\n  ownerId Int\n"
        f"  @@index([ownerId])\n}}\n\n"
        for n in range(count)
    )


def many_django_models(count: int) -> str:
    return "from django.db import models\n\n" + "".join(
        f"\n\nclass Thing{n}(models.Model):\n    name = models.CharField(max_length=80)\n"
        f"    size = models.IntegerField(default={n})\n\n    def __str__(self):\n"
        f"        return self.name\n"
        for n in range(count)
    )


def many_entities(count: int) -> str:
    return "".join(
        f"@Entity()\nexport class Thing{n} {{\n  @PrimaryGeneratedColumn()\n  id: number;\n\n"
        f"  @Column({{ default: {n} }})\n  size: number;\n\n  @IsString()\n  name: string;\n}}\n\n"
        for n in range(count)
    )


@pytest.mark.parametrize(
    ("preset", "path", "text", "old", "new", "expected"),
    [
        pytest.param(
            "prisma",
            PRISMA,
            many_prisma_models(560),
            "@default(321)",
            "@default(322)",
            "model `Thing321`: field `size` changed",
            id="prisma",
        ),
        pytest.param(
            "django",
            DJANGO,
            many_django_models(700),
            "default=321)",
            "default=322)",
            "model `Thing321`: field `size` changed",
            id="django",
        ),
        pytest.param(
            "typeorm",
            TYPEORM,
            many_entities(460),
            "default: 321 }",
            "default: 322 }",
            "entity `Thing321`: property `size` changed",
            id="typeorm",
        ),
    ],
)
def test_a_big_schema_file_is_read_whole(
    preset: str, path: str, text: str, old: str, new: str, expected: str
) -> None:
    assert text.count("\n") >= 5_000
    assert schema_differences(preset, path, text, edit(text, (old, new))) == (expected,)


# A model moved within its app: the commit's schema files are read together -----------

SHOP_AUTHOR = """\
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)
"""
SHOP_ARTICLE = """\
from django.db import models


class Article(models.Model):
    title = models.CharField(max_length=200)
"""


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        pytest.param("models.CharField(max_length=200)", False, id="moved-unchanged"),
        pytest.param("models.CharField(max_length=300)", True, id="moved-and-changed"),
    ],
)
def test_a_model_moved_between_files_of_its_app_is_compared_with_itself(
    repo: Repo, title: str, flagged: bool
) -> None:
    models = SHOP_AUTHOR + "\n\n" + SHOP_ARTICLE.partition("\n\n\n")[2]
    repo.record(
        "chore(shop): set up the shop app",
        {
            "manage.py": "import django\n",
            "shop/models.py": models,
            "shop/migrations/0001_initial.py": "from django.db import migrations\n",
        },
    )
    repo.git("branch", "-q", "base")
    repo.record(
        "refactor(shop): split the models into a package",
        {
            "shop/models.py": None,
            "shop/models/__init__.py": "from .articles import *\nfrom .authors import *\n",
            "shop/models/authors.py": SHOP_AUTHOR,
            "shop/models/articles.py": edit(
                SHOP_ARTICLE, ("models.CharField(max_length=200)", title)
            ),
        },
    )
    result = run_commitguard("check", "base..HEAD", "--format", "json", cwd=repo.path)
    assert result.returncode in (0, 1), result.stderr
    rules = [v["rule"] for c in json.loads(result.stdout)["commits"] for v in c["violations"]]
    assert ("schema-without-migration" in rules) is flagged, result.stdout


# Reading once: `check` reads one version of a models.py and proves the other declares
# the same schema from its changed lines alone, when they lie in statements the schema is
# not read from. Every case above must come out the same that way, in both directions,
# and so must these, each an edit a loose version of that proof would get wrong.


def _models_edit(*replacements: tuple[str, str], expected: tuple[str, ...] = (), name: str) -> Case:
    """A case of MODELS_PY edited by each (old, new)."""
    return Case("django", DJANGO, MODELS_PY, edit(MODELS_PY, *replacements), expected, name)


_METHOD = "    def __str__(self):\n        return self.title\n"
_BOOK = (
    "from django.db import models\n\n\nclass Book(models.Model):\n"
    "    def __str__(self):\n        return self.title\n"
    "    title = models.CharField(max_length=10)\n"
)
READ_ONCE_STRUCTURAL = [
    _models_edit(
        (_METHOD, "    def __str__(self):\n        return self.title.upper()\n"),
        ('ordering = ["-id"]', 'ordering = ["id"]'),
        expected=("model `Article`: Meta option `ordering` changed",),
        name="a-method-and-an-option-far-apart",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY,
        MODELS_PY + "\n    subtitle = models.CharField(max_length=50)\n",
        ("model `Article`: field `subtitle` added",),
        name="a-field-after-the-last-method",
    ),
    _models_edit(
        (_METHOD, _METHOD + "    slug = models.SlugField()\n"),
        expected=("model `Article`: field `slug` added",),
        name="a-method-line-that-is-a-field-now",
    ),
    _models_edit(
        (_METHOD, '    class Meta:\n        ordering = ["id"]\n\n' + _METHOD),
        expected=("model `Article`: Meta option `ordering` changed",),
        name="a-second-meta-among-the-methods",  # the later class Meta is the one read
    ),
    _models_edit(
        ("def upload_to(", "PAGE_SIZE = 30\n\n\ndef upload_to("),
        ("max_length=10, choices=STATUS", "max_length=PAGE_SIZE, choices=STATUS"),
        expected=("model `Article`: field `status` changed",),
        name="a-constant-set-between-functions",
    ),
    Case(
        "django",
        DJANGO,
        _BOOK,
        edit(
            _BOOK,
            (
                "return self.title\n    title = models.CharField(max_length=10)",
                "return self.name\n    title = models.CharField(max_length=20)",
            ),
        ),
        ("model `Book`: field `title` changed",),
        name="one-edit-from-a-method-into-a-field",
    ),
]
READ_ONCE_NOT_STRUCTURAL = [
    _models_edit(
        ("from django.db import models\n", "from django.db import models\nimport logging\n"),
        (_METHOD, "    def __str__(self):\n        return f'{self.title}'\n"),
        name="an-import-and-a-method-far-apart",
    ),
    _models_edit(
        (_METHOD, _METHOD + "\n    def __repr__(self):\n        return '<Article>'\n"),
        name="a-method-added-between-methods",
    ),
    _models_edit(
        (
            '    return f"articles/{filename}"\n',
            '    text = """\ntitle = models.CharField()\n"""\n    return f"articles/{filename}"\n',
        ),
        name="a-field-in-a-functions-string",
    ),
    Case(
        "django",
        DJANGO,
        MODELS_PY.replace("\n", "\r\n"),
        edit(MODELS_PY, (_METHOD, "    def __str__(self):\n        return 'x'\n")).replace(
            "\n", "\r\n"
        ),
        name="windows-line-ends",  # read whole: a lone CR would break lines apart
    ),
]


def _read_once(case: Case, *, undone: bool) -> tuple[str, ...]:
    from commitguard.migrations.structure import reading_once

    before, after = (case.after, case.before) if undone else (case.before, case.after)
    with reading_once():
        first = schema_differences(case.preset, case.path, before, after)
        again = schema_differences(case.preset, case.path, before, after)
        assert again == first  # now from what was read and proven, both sides known
        return first


READ_ONCE = [*STRUCTURAL, *NOT_STRUCTURAL, *READ_ONCE_STRUCTURAL, *READ_ONCE_NOT_STRUCTURAL]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in READ_ONCE])
@pytest.mark.parametrize("undone", [False, True], ids=["done", "undone"])
def test_reading_once_finds_what_reading_each_version_finds(case: Case, undone: bool) -> None:
    before, after = (case.after, case.before) if undone else (case.before, case.after)
    assert _read_once(case, undone=undone) == schema_differences(
        case.preset, case.path, before, after
    )


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name) for c in READ_ONCE_STRUCTURAL + READ_ONCE_NOT_STRUCTURAL]
)
def test_edits_near_methods_are_judged_as_written(case: Case) -> None:
    assert schema_differences(case.preset, case.path, case.before, case.after) == case.expected
    assert _read_once(case, undone=False) == case.expected


def test_a_version_proven_alike_is_not_read_again() -> None:
    """The proof is taken: the other version shares the first one's reading."""
    from commitguard.migrations import structure

    after = edit(MODELS_PY, (_METHOD, "    def __str__(self):\n        return 'x'\n"))
    with structure.reading_once():
        assert schema_differences("django", DJANGO, MODELS_PY, after) == ()
        readings = structure._READ
        assert readings is not None
        assert readings[(structure._python, after)] is readings[(structure._python, MODELS_PY)]


# A version that cannot be proven alike is read with the runs it keeps unchanged (its
# methods, mostly) left out. Each of these must read as the whole text does; the first
# wraps an unchanged function in a string, where leaving it out would change the string.
SPARSE = [
    edit(
        MODELS_PY,
        ("def upload_to(", 'NOTE = """\ndef upload_to('),
        ('    return f"articles/{filename}"\n', '    return f"articles/{filename}"\n"""\n'),
        ('verbose_name="title"', 'verbose_name="title", help_text=NOTE'),
    ),
    edit(MODELS_PY, ("    objects = models.Manager()\n", "    pages = models.IntegerField()\n")),
    edit(
        MODELS_PY,
        (_METHOD, "    def __str__(self):\n        return self.title.strip()\n"),
        ("max_length=200,", "max_length=300,"),
    ),
    MODELS_PY + "\n\nclass Tag(models.Model):\n    name = models.CharField(max_length=20)\n",
]


@pytest.mark.parametrize(("text", "taken"), [(SPARSE[0], False), *((t, True) for t in SPARSE[1:])])
def test_a_version_read_sparsely_declares_what_it_declares_whole(text: str, taken: bool) -> None:
    from commitguard.migrations import structure

    whole = structure._python_reading(text)[0]
    with structure.reading_once():
        structure._read(structure._python, MODELS_PY)
        structure._read_after(MODELS_PY, text)
        readings = structure._READ
        assert readings is not None
        # Taken where the functions left out still start statements; not in a string.
        assert ((structure._python, text) in readings) is taken
        assert readings.get((structure._python, text), whole) == whole
