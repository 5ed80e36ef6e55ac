from django.contrib import admin

from lagesbild.themes.models import Code, Codebook, Coding, Memo, SuggestedTheme, ThemeRun


@admin.register(Codebook)
class CodebookAdmin(admin.ModelAdmin):
    list_display = ["collection", "created_at"]


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    list_display = ["name", "codebook", "parent", "is_theme", "retired_at"]
    list_filter = ["is_theme"]


@admin.register(Coding)
class CodingAdmin(admin.ModelAdmin):
    list_display = ["code", "source", "start", "end", "origin", "coder", "reviewed_at"]
    raw_id_fields = ["source", "code", "run"]


@admin.register(Memo)
class MemoAdmin(admin.ModelAdmin):
    list_display = ["codebook", "author", "created_at"]
    raw_id_fields = ["source", "code", "coding"]


@admin.register(ThemeRun)
class ThemeRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "codebook", "backend", "status", "progress", "created_at"]


@admin.register(SuggestedTheme)
class SuggestedThemeAdmin(admin.ModelAdmin):
    list_display = ["label", "run", "size", "status"]
